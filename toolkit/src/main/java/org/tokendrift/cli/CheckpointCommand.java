package org.tokendrift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tokendrift checkpoint}: groups {@code export}. */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
        description = "Checkpoint files: EMA-only export of a training checkpoint.",
        subcommands = {CheckpointExportCommand.class})
public final class CheckpointCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

package org.tokendrift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tokendrift diagnose}: groups the measurements behind the TokenDrift diagnosis. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Diagnostics of the TokenDrift objective: does the frozen encoder's feature tell samples from real text?",
        subcommands = {DiagnoseFeaturesCommand.class})
public final class DiagnoseCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

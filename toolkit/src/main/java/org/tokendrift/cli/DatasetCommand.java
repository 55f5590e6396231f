package org.tokendrift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tokendrift dataset}: groups {@code encode}. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Token-block datasets of the corpus splits.",
        subcommands = {DatasetEncodeCommand.class})
public final class DatasetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

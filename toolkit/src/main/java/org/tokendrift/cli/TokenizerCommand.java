package org.tokendrift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tokendrift tokenizer}: groups {@code train} and {@code bench}. */
@Command(name = "tokenizer", mixinStandardHelpOptions = true,
        description = "Byte-level BPE tokenizer: train it, benchmark it.",
        subcommands = {TokenizerTrainCommand.class, TokenizerBenchCommand.class})
public final class TokenizerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

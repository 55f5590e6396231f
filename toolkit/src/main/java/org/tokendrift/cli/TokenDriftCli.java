package org.tokendrift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code tokendrift} command line: one subcommand per job (corpus, tokenizer,
 * benchmark, pretraining, continual training, checkpoint export, evaluation, report). Run without arguments for the list.
 */
@Command(name = "tokendrift",
        mixinStandardHelpOptions = true,
        version = "tokendrift 0.1.0",
        description = "Discrete diffusion language models (MDLM, DUO) and the TokenDrift objective on ND4J.",
        subcommands = {
                CommandLine.HelpCommand.class,
                CorpusCommand.class,
                TokenizerCommand.class,
                DatasetCommand.class,
                PretrainCommand.class,
                ContinualCommand.class,
                CheckpointCommand.class,
                ReportCommand.class,
                EvaluateCommand.class,
                ValidateCommand.class,
                DiagnoseCommand.class,
                BenchCommand.class,
                BackendCheckCommand.class,
        })
public final class TokenDriftCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line with every subcommand and the {@link UserErrorHandler}: what {@link #main} runs. */
    public static CommandLine commandLine() {
        return new CommandLine(new TokenDriftCli()).setExecutionExceptionHandler(new UserErrorHandler());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

package org.tokendrift.cli;

import org.tokendrift.data.CorpusSourceException;
import org.tokendrift.train.NonFiniteException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * One place that turns the errors a user can cause (a missing or corrupt file, a bad option value, a
 * config that does not match a checkpoint, a run that met a NaN) into a one-line message prefixed by
 * the subcommand, e.g. {@code checkpoint export: ...}, and a non-zero exit code. Anything else is a bug
 * and keeps its stack trace (picocli's default handling).
 *
 * <p>Exit codes: 2 when a corpus source could not be had (the network or the npm cache, not the
 * user's input), 1 for every other user error.
 */
public final class UserErrorHandler implements IExecutionExceptionHandler {

    static final int USER_ERROR = 1;
    static final int SOURCE_UNAVAILABLE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) throws Exception {
        String message = messageOf(ex);
        if (message == null) {
            throw ex;
        }
        commandLine.getErr().println(commandName(commandLine) + ": " + message);
        commandLine.getErr().flush();
        return ex instanceof CorpusSourceException ? SOURCE_UNAVAILABLE : USER_ERROR;
    }

    /** The message to show for a user error, or null if {@code ex} is not one. */
    static String messageOf(Exception ex) {
        Throwable fileError = ex instanceof UncheckedIOException unchecked ? unchecked.getCause() : ex;
        if (fileError instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        if (ex instanceof IOException || ex instanceof UncheckedIOException || ex instanceof IllegalArgumentException
                || ex instanceof IllegalStateException || ex instanceof NonFiniteException
                || ex instanceof CorpusSourceException) {
            return String.valueOf(ex.getMessage());
        }
        return null;
    }

    /** "checkpoint export" for {@code tokendrift checkpoint export}; the root's name is left out. */
    static String commandName(CommandLine commandLine) {
        String qualified = commandLine.getCommandSpec().qualifiedName();
        CommandLine root = commandLine;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        if (root == commandLine) {
            return qualified;
        }
        String rootName = root.getCommandName() + " ";
        return qualified.startsWith(rootName) ? qualified.substring(rootName.length()) : qualified;
    }
}

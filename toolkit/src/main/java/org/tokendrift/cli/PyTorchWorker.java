package org.tokendrift.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The PyTorch reference ({@code environment/bench/pytorch_dit.py}) as a long-lived child process
 * that takes one command per line, so the benchmark can alternate between the two implementations
 * without paying Python start-up each time.
 */
final class PyTorchWorker implements AutoCloseable {
    private final Process process;
    private final PrintWriter in;
    private final BufferedReader out;

    PyTorchWorker(String python, Path script, Path openBlasDir) throws IOException {
        if (!Files.isRegularFile(script)) {
            throw new IOException("PyTorch reference script not found: " + script);
        }
        ProcessBuilder pb = new ProcessBuilder(python, script.toString());
        if (openBlasDir != null) {
            if (!Files.isDirectory(openBlasDir)) {
                throw new IOException("OpenBLAS directory not found: " + openBlasDir
                        + " (install libopenblas0-pthread, or pass --openblas-dir)");
            }
            pb.environment().put("LD_LIBRARY_PATH", openBlasDir.toString());
        }
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        this.process = pb.start();
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Sends one command and returns its JSON reply. */
    JsonObject call(String command) throws IOException {
        in.println(command);
        String line = out.readLine();
        if (line == null) {
            throw new IOException("PyTorch worker exited while running '" + command + "'");
        }
        JsonObject reply = JsonParser.parseString(line).getAsJsonObject();
        if (reply.has("error")) {
            throw new IOException("PyTorch worker: " + reply.get("error").getAsString());
        }
        return reply;
    }

    /** Runs {@code command} and returns its per-step times in ms. */
    List<Double> timings(String command) throws IOException {
        JsonArray ms = call(command).getAsJsonArray("ms");
        List<Double> times = new ArrayList<>();
        ms.forEach(e -> times.add(e.getAsDouble()));
        return times;
    }

    @Override
    public void close() throws IOException {
        in.println("quit");
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }
}

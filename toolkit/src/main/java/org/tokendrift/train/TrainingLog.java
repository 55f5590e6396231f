package org.tokendrift.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-step CSV log of a run ({@code step,...}). Rows are appended and flushed as they come so
 * a killed run loses nothing it logged. On resume from a checkpoint at step {@code s}, rows after
 * {@code s} are dropped first, so the log never shows steps twice.
 */
public final class TrainingLog implements AutoCloseable {

    private final Path file;
    private final List<String> columns;
    private final BufferedWriter out;

    private TrainingLog(Path file, List<String> columns, BufferedWriter out) {
        this.file = file;
        this.columns = columns;
        this.out = out;
    }

    /**
     * Opens {@code file} for appending, writing the header if the file is new, and keeping only
     * the rows whose step is at most {@code resumeStep}.
     */
    public static TrainingLog open(Path file, List<String> columns, long resumeStep) throws IOException {
        if (columns.isEmpty() || !columns.get(0).equals("step")) {
            throw new IllegalArgumentException("the first column of a training log must be 'step', got " + columns);
        }
        String header = String.join(",", columns);
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> oldColumns = lines.isEmpty() ? List.of() : List.of(lines.get(0).split(",", -1));
            if (!columns.containsAll(oldColumns) || oldColumns.isEmpty() || !oldColumns.get(0).equals("step")) {
                throw new IOException("training log " + file + " has header '" + (lines.isEmpty() ? "" : lines.get(0))
                        + "' but this run writes '" + header + "'; move the old log away or use a new run directory");
            }
            // A log written before columns were added (a run resumed by a newer toolkit) keeps its rows,
            // with the new columns empty.
            boolean widened = !oldColumns.equals(columns);
            List<String> kept = new ArrayList<>();
            kept.add(header);
            for (String line : lines.subList(1, lines.size())) {
                String first = line.split(",", 2)[0];
                if (!first.isBlank() && Long.parseLong(first) <= resumeStep) {
                    kept.add(widened ? widen(line, oldColumns, columns) : line);
                }
            }
            if (widened || kept.size() != lines.size()) {
                org.tokendrift.util.AtomicFiles.writeString(file, String.join("\n", kept) + "\n");
            }
        } else {
            org.tokendrift.util.AtomicFiles.writeString(file, header + "\n");
        }
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return new TrainingLog(file, List.copyOf(columns), out);
    }

    /** {@code line} (cells under {@code from}) rewritten under {@code to}, a superset: new cells empty. */
    private static String widen(String line, List<String> from, List<String> to) {
        String[] cells = line.split(",", -1);
        String[] out = new String[to.size()];
        java.util.Arrays.fill(out, "");
        for (int i = 0; i < from.size() && i < cells.length; i++) {
            out[to.indexOf(from.get(i))] = cells[i];
        }
        return String.join(",", out);
    }

    /** Appends one row; values are matched to the columns by position. NaN is written as empty. */
    public void append(double... values) throws IOException {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("log row has " + values.length + " values for " + columns.size() + " columns " + columns);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            double v = values[i];
            if (Double.isNaN(v)) {
                continue;
            }
            sb.append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v));
        }
        out.write(sb.toString());
        out.newLine();
        out.flush();
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

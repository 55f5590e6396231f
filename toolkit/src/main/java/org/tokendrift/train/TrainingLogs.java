package org.tokendrift.train;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Training logs ({@code log.csv} written by {@link TrainingLog}, and {@code diagnostics.csv}) as
 * Tablesaw tables, for analysis in notebooks. {@code step} is a long column and every other
 * column a double column, empty cells being missing values, whatever the file holds so far: a
 * column still empty on every row (such as {@code val_ppl} before the first validation) stays
 * numeric instead of being guessed to be text.
 */
public final class TrainingLogs {

    /** The column {@link #readRuns} adds first: the name of the run folder. */
    public static final String RUN = "run";

    private TrainingLogs() {
    }

    /** One log file; the table is named {@code <folder>/<file>}, e.g. {@code mdlm-base/log.csv}. */
    public static Table read(Path csv) throws IOException {
        Path folder = csv.toAbsolutePath().getParent();
        String name = (folder.getFileName() == null ? "" : folder.getFileName() + "/") + csv.getFileName();
        try {
            return Table.read().usingOptions(CsvReadOptions.builder(csv.toFile())
                    .columnTypes(column -> column.equals("step") ? ColumnType.LONG : ColumnType.DOUBLE)
                    .tableName(name));
        } catch (RuntimeException e) {
            throw new IOException("cannot read training log " + csv + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file {@code fileName} of every run folder {@code folder/<run>/} that has one (in name
     * order), in one table named {@code <folder>/<run>/<fileName>} whose first column {@link #RUN}
     * names the run. Its columns are the union of the files' columns in order of first appearance;
     * a run without a column has missing values there.
     */
    public static Table readRuns(Path folder, String fileName) throws IOException {
        List<Path> runs;
        try (Stream<Path> entries = Files.list(folder)) {
            runs = entries.filter(dir -> Files.isRegularFile(dir.resolve(fileName))).sorted().toList();
        }
        StringColumn run = StringColumn.create(RUN);
        Map<String, Column<?>> columns = new LinkedHashMap<>();
        columns.put(RUN, run);
        for (Path dir : runs) {
            Table log = read(dir.resolve(fileName));
            int before = run.size();
            for (Column<?> column : log.columns()) {
                columns.computeIfAbsent(column.name(), name -> missing(column.emptyCopy(), before));
            }
            for (Column<?> target : columns.values()) {
                if (target == run) {
                    for (int row = 0; row < log.rowCount(); row++) {
                        run.append(dir.getFileName().toString());
                    }
                } else if (log.containsColumn(target.name())) {
                    append(target, log.column(target.name()));
                } else {
                    missing(target, log.rowCount());
                }
            }
        }
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return Table.create((name == null ? "" : name + "/") + "<run>/" + fileName, columns.values());
    }

    private static Column<?> missing(Column<?> column, int count) {
        for (int i = 0; i < count; i++) {
            column.appendMissing();
        }
        return column;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void append(Column<?> target, Column<?> source) {
        ((Column) target).append((Column) source);
    }
}

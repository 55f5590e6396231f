package org.tokendrift.eval;

import org.tokendrift.util.AtomicFiles;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results table {@code data/results/reproduction.csv} as a Tablesaw {@link Table} with the
 * column types of {@link ResultsSchema}: loading with checks, conversion to and from
 * {@link ResultRow}, and atomic "upsert" (read the file, replace rows with the same key, append the
 * others, write the whole file atomically).
 */
public final class ResultsTable {

    private static final Object JVM_LOCK = new Object();

    private ResultsTable() {
    }

    /** An empty table with the schema's columns and types. */
    public static Table empty() {
        return toTable(List.of());
    }

    /** Rows as a table, columns in schema order. */
    public static Table toTable(List<ResultRow> rows) {
        StringColumn backbone = StringColumn.create(ResultsSchema.BACKBONE);
        StringColumn method = StringColumn.create(ResultsSchema.METHOD);
        IntColumn trainSteps = IntColumn.create(ResultsSchema.TRAIN_STEPS);
        LongColumn seed = LongColumn.create(ResultsSchema.SEED);
        IntColumn nfe = IntColumn.create(ResultsSchema.NFE);
        IntColumn numSamples = IntColumn.create(ResultsSchema.NUM_SAMPLES);
        DoubleColumn genPpl = DoubleColumn.create(ResultsSchema.GEN_PPL);
        DoubleColumn entropy = DoubleColumn.create(ResultsSchema.ENTROPY);
        DoubleColumn distinct2 = DoubleColumn.create(ResultsSchema.DISTINCT2);
        DoubleColumn distinct4 = DoubleColumn.create(ResultsSchema.DISTINCT4);
        DoubleColumn selfBleu = DoubleColumn.create(ResultsSchema.SELF_BLEU);
        for (ResultRow r : rows) {
            backbone.append(r.backbone());
            method.append(r.method());
            trainSteps.append(r.trainSteps());
            seed.append(r.seed());
            nfe.append(r.nfe());
            numSamples.append(r.numSamples());
            genPpl.append(r.genPpl());
            entropy.append(r.entropy());
            distinct2.append(r.distinct2());
            distinct4.append(r.distinct4());
            selfBleu.append(r.selfBleu());
        }
        return Table.create("reproduction", backbone, method, trainSteps, seed, nfe, numSamples,
                genPpl, entropy, distinct2, distinct4, selfBleu);
    }

    /** The table's rows as records; key columns must not be missing. */
    public static List<ResultRow> rows(Table table) {
        List<ResultRow> rows = new ArrayList<>(table.rowCount());
        for (Row r : table) {
            for (String key : List.of(ResultsSchema.BACKBONE, ResultsSchema.METHOD, ResultsSchema.TRAIN_STEPS,
                    ResultsSchema.SEED, ResultsSchema.NFE, ResultsSchema.NUM_SAMPLES)) {
                if (r.isMissing(key)) {
                    throw new IllegalArgumentException("row " + r.getRowNumber() + " of " + table.name()
                            + " has no value in column '" + key + "'");
                }
            }
            rows.add(new ResultRow(r.getString(ResultsSchema.BACKBONE), r.getString(ResultsSchema.METHOD),
                    r.getInt(ResultsSchema.TRAIN_STEPS), r.getLong(ResultsSchema.SEED), r.getInt(ResultsSchema.NFE),
                    r.getInt(ResultsSchema.NUM_SAMPLES), r.getDouble(ResultsSchema.GEN_PPL),
                    r.getDouble(ResultsSchema.ENTROPY), r.getDouble(ResultsSchema.DISTINCT2),
                    r.getDouble(ResultsSchema.DISTINCT4), r.getDouble(ResultsSchema.SELF_BLEU)));
        }
        return rows;
    }

    /**
     * Loads a results CSV with explicit column types. The header must hold exactly the schema's
     * columns (any order); a missing or unexpected column is named in the error.
     */
    public static Table load(Path csv) throws IOException {
        CsvHeader.require(csv, ResultsSchema.COLUMNS, "results schema");
        Table raw;
        try {
            raw = Table.read().usingOptions(CsvReadOptions.builder(csv.toFile())
                    .columnTypes(ResultsSchema.TYPES::get)
                    .tableName("reproduction"));
        } catch (RuntimeException e) {
            throw new IOException("cannot parse " + csv + " with the results schema " + ResultsSchema.TYPES
                    + ": " + e.getMessage(), e);
        }
        List<Column<?>> ordered = new ArrayList<>();
        for (String name : ResultsSchema.COLUMNS) {
            ordered.add(raw.column(name));
        }
        return Table.create("reproduction", ordered);
    }

    /** Writes the table (schema columns, schema order) to {@code csv} atomically. */
    public static void write(Path csv, Table table) throws IOException {
        Table ordered = toTable(rows(table));
        StringWriter text = new StringWriter();
        ordered.write().csv(text);
        AtomicFiles.writeString(csv, text.toString());
    }

    /**
     * Adds rows to the results file: a row whose key ({@link ResultRow.Key}) already exists replaces
     * the old row in place, other rows are appended; the whole file is then rewritten atomically. A
     * lock file next to the CSV keeps concurrent writers (threads or processes) from losing rows.
     *
     * @return the table as written
     */
    public static Table upsert(Path csv, List<ResultRow> newRows) throws IOException {
        synchronized (JVM_LOCK) {
            Path dir = csv.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path lockFile = dir.resolve("." + csv.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Map<ResultRow.Key, ResultRow> byKey = new LinkedHashMap<>();
                if (Files.exists(csv)) {
                    for (ResultRow row : rows(load(csv))) {
                        byKey.put(row.key(), row);
                    }
                }
                for (ResultRow row : newRows) {
                    byKey.put(row.key(), row);
                }
                Table table = toTable(new ArrayList<>(byKey.values()));
                write(csv, table);
                return table;
            }
        }
    }
}

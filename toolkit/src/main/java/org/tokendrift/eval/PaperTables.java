package org.tokendrift.eval;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The paper's reported values as data: {@code data/results/paper-tables.csv}, with the columns
 * <pre>table,backbone,method,continual_steps,nfe,gen_ppl_mean,gen_ppl_sd,entropy_mean,entropy_sd,source</pre>
 * (see {@link PaperRow}). Method names follow {@link Methods}, so a paper row and a row of
 * {@code reproduction.csv} with the same backbone and method describe the same setting.
 *
 * <p>A method can appear in several tables (the default TokenDrift setting is a row of Tables 1, 3
 * and 4 at 13k steps and of Tables 5 and 6 at 5k). {@link #byNfe} takes the paper's longest-trained
 * checkpoint of the method, and of those the lowest table number.
 */
public final class PaperTables {

    public static final Path DEFAULT_CSV = Path.of("data", "results", "paper-tables.csv");

    public static final String TABLE = "table";
    public static final String CONTINUAL_STEPS = "continual_steps";
    // The value columns are named like those of reproduction_summary.csv (SeedSummary), which they sit beside.
    public static final String GEN_PPL_MEAN = SeedSummary.meanColumn(ResultsSchema.GEN_PPL);
    public static final String GEN_PPL_SD = SeedSummary.sdColumn(ResultsSchema.GEN_PPL);
    public static final String ENTROPY_MEAN = SeedSummary.meanColumn(ResultsSchema.ENTROPY);
    public static final String ENTROPY_SD = SeedSummary.sdColumn(ResultsSchema.ENTROPY);
    public static final String SOURCE = "source";

    /** Every column, in file order. */
    public static final List<String> COLUMNS = List.of(TABLE, ResultsSchema.BACKBONE, ResultsSchema.METHOD, CONTINUAL_STEPS,
            ResultsSchema.NFE, GEN_PPL_MEAN, GEN_PPL_SD, ENTROPY_MEAN, ENTROPY_SD, SOURCE);

    private static final Map<String, ColumnType> TYPES = types();

    private PaperTables() {
    }

    private static Map<String, ColumnType> types() {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (String integer : List.of(TABLE, CONTINUAL_STEPS, ResultsSchema.NFE)) {
            types.put(integer, ColumnType.INTEGER);
        }
        for (String text : List.of(ResultsSchema.BACKBONE, ResultsSchema.METHOD, SOURCE)) {
            types.put(text, ColumnType.STRING);
        }
        for (String value : List.of(GEN_PPL_MEAN, GEN_PPL_SD, ENTROPY_MEAN, ENTROPY_SD)) {
            types.put(value, ColumnType.DOUBLE);
        }
        return types;
    }

    /**
     * Reads the paper's table file.
     *
     * @throws IOException naming the file and the problem: a missing or unexpected column, a value
     *                     that is not a number, an empty cell (by row), a method name off the convention
     */
    public static List<PaperRow> load(Path csv) throws IOException {
        CsvHeader.require(csv, COLUMNS, "paper table schema");
        Table table;
        try {
            table = Table.read().usingOptions(CsvReadOptions.builder(csv.toFile()).columnTypes(TYPES::get).tableName("paper"));
        } catch (RuntimeException e) {
            throw new IOException("cannot parse " + csv + " with the paper table schema " + TYPES + ": " + e.getMessage(), e);
        }
        List<PaperRow> rows = new ArrayList<>(table.rowCount());
        for (Row r : table) {
            for (String column : COLUMNS) {
                if (r.isMissing(column)) {
                    // +2: the header is line 1 and rows count from 0.
                    throw new IOException(csv + " line " + (r.getRowNumber() + 2) + " has no value in column '" + column + "'");
                }
            }
            String method = r.getString(ResultsSchema.METHOD);
            if (!Methods.MAIN.contains(method) && !Methods.isTokenDriftVariant(method)) {
                throw new IOException(csv + " line " + (r.getRowNumber() + 2) + ": method '" + method + "' is neither one of "
                        + Methods.MAIN + " nor a tokendrift-<variant> name (see Methods)");
            }
            rows.add(new PaperRow(r.getInt(TABLE), r.getString(ResultsSchema.BACKBONE), method, r.getInt(CONTINUAL_STEPS),
                    r.getInt(ResultsSchema.NFE), r.getDouble(GEN_PPL_MEAN), r.getDouble(GEN_PPL_SD),
                    r.getDouble(ENTROPY_MEAN), r.getDouble(ENTROPY_SD), r.getString(SOURCE)));
        }
        return rows;
    }

    /**
     * The paper's values for one method of one backbone, by NFE: the rows of its longest-trained
     * checkpoint, lowest table first; empty if the paper has no such method.
     */
    public static Map<Integer, PaperRow> byNfe(List<PaperRow> rows, String backbone, String method) {
        List<PaperRow> matching = rows.stream().filter(r -> r.backbone().equals(backbone) && r.method().equals(method)).toList();
        Optional<PaperRow> chosen = matching.stream()
                .max(Comparator.comparingInt(PaperRow::continualSteps).thenComparing(PaperRow::table, Comparator.reverseOrder()));
        Map<Integer, PaperRow> byNfe = new LinkedHashMap<>();
        chosen.ifPresent(c -> matching.stream()
                .filter(r -> r.table() == c.table() && r.continualSteps() == c.continualSteps())
                .sorted(Comparator.comparingInt(PaperRow::nfe))
                .forEach(r -> byNfe.put(r.nfe(), r)));
        return byNfe;
    }
}

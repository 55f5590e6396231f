package org.tokendrift.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsTableTest {

    private static ResultRow row(String method, long seed, int nfe, double genPpl) {
        return new ResultRow("mdlm", method, 13000, seed, nfe, 64, genPpl, 5.41, 0.9, 0.99, 0.12);
    }

    @Test
    void writesExactlyTheSchemaHeaderAndKeepsFullDoublePrecision(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("reproduction.csv");
        double ppl = 0.1 + 0.2 + 200;
        ResultsTable.upsert(csv, List.of(row("tokendrift", 0, 4, ppl)));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("backbone,method,train_steps,seed,nfe,num_samples,gen_ppl,entropy,distinct2,distinct4,self_bleu",
                lines.get(0));
        assertEquals(List.of(row("tokendrift", 0, 4, ppl)), ResultsTable.rows(ResultsTable.load(csv)));
    }

    @Test
    void upsertReplacesRowsWithTheSameKeyInPlaceAndAppendsNewOnes(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("reproduction.csv");
        ResultsTable.upsert(csv, List.of(row("pretrained", 0, 4, 1900), row("tokendrift", 0, 4, 210)));
        ResultsTable.upsert(csv, List.of(row("pretrained", 0, 4, 1950), row("pretrained", 1, 4, 1930)));
        List<ResultRow> rows = ResultsTable.rows(ResultsTable.load(csv));
        assertEquals(List.of(row("pretrained", 0, 4, 1950), row("tokendrift", 0, 4, 210), row("pretrained", 1, 4, 1930)),
                rows);
        try (var files = Files.list(dir)) {
            // the CSV and its lock file, no temporary leftovers
            assertEquals(2, files.count());
        }
    }

    @Test
    void loadsWithExplicitColumnTypesInSchemaOrderAndMissingMetricsAsNaN(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("r.csv");
        // columns in a different order, an empty metric cell
        Files.writeString(csv, "method,backbone,nfe,seed,train_steps,num_samples,gen_ppl,entropy,distinct2,distinct4,self_bleu\n"
                + "real_text,duo,0,7,0,32,12.5,,0.9,0.99,0.1\n");
        Table table = ResultsTable.load(csv);
        assertEquals(ResultsSchema.COLUMNS, table.columnNames());
        assertEquals(ColumnType.INTEGER, table.column("nfe").type());
        assertEquals(ColumnType.LONG, table.column("seed").type());
        assertEquals(ColumnType.STRING, table.column("method").type());
        ResultRow r = ResultsTable.rows(table).get(0);
        assertEquals(new ResultRow("duo", "real_text", 0, 7, 0, 32, 12.5, Double.NaN, 0.9, 0.99, 0.1), r);
    }

    @Test
    void headerOnlyFileIsAnEmptyTableWithAnEmptySummary(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("empty.csv");
        ResultsTable.write(csv, ResultsTable.empty());
        Table table = ResultsTable.load(csv);
        assertEquals(0, table.rowCount());
        assertEquals(ColumnType.INTEGER, table.column("nfe").type());
        assertEquals(0, SeedSummary.summarise(table).rowCount());
    }

    @Test
    void missingAndUnexpectedColumnsAreNamed(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "backbone,method,train_steps,seed,nfe,num_samples,gen_ppl,entropy,distinct2,distinct4,selfbleu\n");
        IOException e = assertThrows(IOException.class, () -> ResultsTable.load(csv));
        assertTrue(e.getMessage().contains("missing column(s) [self_bleu]"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected column(s) [selfbleu]"), e.getMessage());
    }

    @Test
    void unparsableValueIsReportedWithTheFile(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("typo.csv");
        Files.writeString(csv, String.join(",", ResultsSchema.COLUMNS) + "\nmdlm,pretrained,0,0,four,64,1,1,1,1,1\n");
        IOException e = assertThrows(IOException.class, () -> ResultsTable.load(csv));
        assertTrue(e.getMessage().contains("typo.csv"), e.getMessage());
    }
}

package org.tokendrift.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokendrift.data.DataPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaperTablesTest {

    private static final String HEADER = String.join(",", PaperTables.COLUMNS) + "\n";

    /** A paper row with made-up values: only its key matters to the lookups tested here. */
    private static PaperRow row(int table, String method, int steps, int nfe, double genPpl) {
        return new PaperRow(table, "mdlm", method, steps, nfe, genPpl, 1.0, 5.0, 0.1, "test");
    }

    @Test
    void theShippedFileIsCompleteAndUsesTheMethodNamingConvention() throws IOException {
        List<PaperRow> rows = PaperTables.load(DataPaths.root().resolve("results").resolve("paper-tables.csv"));
        Map<String, Set<Integer>> nfesByGroup = rows.stream().collect(Collectors.groupingBy(
                r -> r.table() + "/" + r.backbone() + "/" + r.method() + "/" + r.continualSteps(),
                Collectors.mapping(PaperRow::nfe, Collectors.toSet())));
        nfesByGroup.forEach((group, nfes) -> assertEquals(Set.of(4, 8, 16), nfes, group));
        for (int table = 1; table <= 6; table++) {
            int t = table;
            assertTrue(rows.stream().anyMatch(r -> r.table() == t), "table " + t);
        }
        for (String backbone : List.of("mdlm", "duo")) {
            int main = backbone.equals("mdlm") ? 1 : 2;
            for (String method : Methods.MAIN) {
                assertTrue(rows.stream().anyMatch(r -> r.table() == main && r.backbone().equals(backbone) && r.method().equals(method)),
                        backbone + " " + method + " in table " + main);
            }
        }
        Set<String> methods = rows.stream().map(PaperRow::method).collect(Collectors.toSet());
        assertTrue(methods.contains(Methods.HARD_LIFT), "Table 3 under the convention's name: " + methods);
        for (int[] ratio : new int[][]{{1, 0}, {2, 1}, {0, 1}, {1, 2}}) {
            assertTrue(methods.contains(Methods.attractionRepulsion(ratio[0], ratio[1])), "Table 6: " + methods);
        }
        for (PaperRow r : rows) {
            assertTrue(r.genPplMean() > 1 && r.genPplSd() >= 0 && r.entropyMean() > 0 && r.entropySd() >= 0, r.toString());
            assertTrue(r.source().contains("tokendrift-paper.md §C.") && r.source().contains("Table " + r.table()), r.source());
        }
    }

    @Test
    void byNfeTakesTheLongestTrainedCheckpointThenTheLowestTable() {
        List<PaperRow> rows = List.of(row(6, "tokendrift", 5000, 4, 700), row(6, "tokendrift", 5000, 8, 160),
                row(4, "tokendrift", 13000, 8, 56), row(4, "tokendrift", 13000, 4, 210),
                row(1, "tokendrift", 13000, 4, 209), row(1, "tokendrift", 13000, 8, 55),
                row(1, "continuation", 13000, 4, 1900));
        Map<Integer, PaperRow> chosen = PaperTables.byNfe(rows, "mdlm", "tokendrift");
        assertEquals(List.of(4, 8), List.copyOf(chosen.keySet()));
        assertEquals(209.0, chosen.get(4).genPplMean());
        assertEquals(1, chosen.get(8).table());
        assertTrue(PaperTables.byNfe(rows, "duo", "tokendrift").isEmpty());
        assertTrue(PaperTables.byNfe(rows, "mdlm", Methods.HARD_LIFT).isEmpty());
    }

    @Test
    void aBrokenFileIsRefusedNamingTheProblem(@TempDir Path dir) throws IOException {
        Path missingColumn = dir.resolve("missing.csv");
        Files.writeString(missingColumn, HEADER.replace(",source", "") + "1,mdlm,tokendrift,13000,4,1,1,1,1\n");
        assertMessage(missingColumn, "missing column(s) [source]");

        Path emptyCell = dir.resolve("empty.csv");
        Files.writeString(emptyCell, HEADER + "1,mdlm,tokendrift,13000,4,209,11,5.4,0.01,x\n1,mdlm,tokendrift,13000,8,,2,5.3,0.02,x\n");
        assertMessage(emptyCell, "line 3 has no value in column 'gen_ppl_mean'");

        Path badName = dir.resolve("name.csv");
        Files.writeString(badName, HEADER + "6,mdlm,TokenDrift 1:0,5000,4,726,30,5.7,0.03,x\n");
        assertMessage(badName, "method 'TokenDrift 1:0' is neither");

        Path notANumber = dir.resolve("nan.csv");
        Files.writeString(notANumber, HEADER + "1,mdlm,tokendrift,13000,four,209,11,5.4,0.01,x\n");
        assertMessage(notANumber, "cannot parse");
    }

    private static void assertMessage(Path csv, String expected) {
        IOException e = assertThrows(IOException.class, () -> PaperTables.load(csv));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(csv.toString()), e.getMessage());
    }
}

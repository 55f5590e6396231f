package org.tokendrift.eval;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedSummaryTest {

    private static ResultRow row(String method, long seed, int nfe, double genPpl, double entropy) {
        return new ResultRow("mdlm", method, 13000, seed, nfe, 64, genPpl, entropy, 0.5, 0.9, 0.2);
    }

    @Test
    void meanAndSampleStandardDeviationOverSeedsPerGroup() {
        Table results = ResultsTable.toTable(List.of(
                row("tokendrift", 0, 4, 10, 5.0),
                row("tokendrift", 1, 4, 12, 5.2),
                row("tokendrift", 2, 4, 14, 5.4),
                row("continuation", 0, 4, 100, 6.0),
                row("tokendrift", 0, 8, 7, 5.1)));
        Table summary = SeedSummary.summarise(results);

        assertEquals(List.of("backbone", "method", "train_steps", "nfe", "num_seeds",
                "gen_ppl_mean", "gen_ppl_sd", "entropy_mean", "entropy_sd", "distinct2_mean", "distinct2_sd",
                "distinct4_mean", "distinct4_sd", "self_bleu_mean", "self_bleu_sd"), summary.columnNames());
        assertEquals(3, summary.rowCount());

        // sorted by backbone, method, train_steps, nfe: continuation first
        Row continuation = summary.row(0);
        assertEquals("continuation", continuation.getString("method"));
        assertEquals(1, continuation.getInt("num_seeds"));
        assertEquals(100, continuation.getDouble("gen_ppl_mean"), 1e-12);
        assertTrue(Double.isNaN(continuation.getDouble("gen_ppl_sd")), "one seed has no sample SD");

        Row drift4 = summary.row(1);
        assertEquals(4, drift4.getInt("nfe"));
        assertEquals(13000, drift4.getInt("train_steps"));
        assertEquals(3, drift4.getInt("num_seeds"));
        assertEquals(12, drift4.getDouble("gen_ppl_mean"), 1e-12);
        // sqrt(((10-12)^2 + 0 + (14-12)^2) / (3 - 1)) = 2
        assertEquals(2, drift4.getDouble("gen_ppl_sd"), 1e-12);
        assertEquals(5.2, drift4.getDouble("entropy_mean"), 1e-12);
        assertEquals(0.2, drift4.getDouble("entropy_sd"), 1e-12);
        assertEquals(0.0, drift4.getDouble("self_bleu_sd"), 1e-12);

        assertEquals(8, summary.row(2).getInt("nfe"));
    }
}

package org.tokendrift.eval;

import org.junit.jupiter.api.Test;
import org.tokendrift.data.DataPaths;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokendrift.eval.SyntheticComparison.add;
import static org.tokendrift.eval.SyntheticComparison.paperRows;
import static org.tokendrift.eval.SyntheticComparison.summarise;

/** Ablations against TokenDrift at the same step, on synthetic results and the synthetic paper. */
class AblationComparisonTest {

    @Test
    void eachVariantIsReadAgainstTokenDriftAtItsOwnStepOursAndThePapers() {
        List<ResultRow> rows = new ArrayList<>();
        add(rows, "mdlm", Methods.TOKENDRIFT, 400, 3, 400, 5.6);
        add(rows, "mdlm", Methods.TOKENDRIFT, 100, 3, 700, 5.8);
        add(rows, "mdlm", Methods.HARD_LIFT, 100, 3, 5000, 2.0);
        add(rows, "mdlm", Methods.HARD_LIFT, 50, 3, 9000, 2.0);                // earlier checkpoint: not compared
        add(rows, "mdlm", Methods.tokenDriftVariant("exclude-specials"), 100, 3, 1400, 5.9);   // the paper has none
        add(rows, "duo", Methods.tokenDriftVariant("ratio-2-1"), 100, 3, 300, 5.0);           // another backbone

        AblationComparison c = AblationComparison.of("mdlm", summarise(rows), paperRows());

        List<String> order = c.lines().stream().map(l -> l.method() + (l.reference() ? " ref " : " ") + l.steps()).toList();
        assertEquals(List.of("tokendrift ref 100 / 13000 (Table 1)", "tokendrift-hard-lift 100 / 13000 (Table 3)",
                "tokendrift ref 100 / –", "tokendrift-exclude-specials 100 / –"), order, "grouped by reference, paper first");
        AblationComparison.Line hard = c.lines().get(1);
        // NFE 4, seed means: hard lift 5001, tokendrift at step 100: 701 (not the final 401); the paper's 6000 / 200.
        assertEquals(5001.0 / 701.0, hard.ourPplRatio(4), 1e-12);
        assertEquals(30.0, hard.paperPplRatio(4), 1e-12);
        assertEquals(2.0 - 5.8, hard.ourEntropyChange(4), 1e-12);
        assertEquals(1.5 - 5.4, hard.paperEntropyChange(4), 1e-12);
        AblationComparison.Line unpaired = c.lines().get(3);
        assertEquals(701.0 / 351.0, unpaired.ourPplRatio(8), 1e-12, "NFE 8: (1400 * 4 / 8 + 1) / (700 * 4 / 8 + 1)");
        assertTrue(Double.isNaN(unpaired.paperPplRatio(4)), "no paper value");
    }

    @Test
    void onThePapersTablesEachVariantMeetsTheDefaultOfItsOwnTable() throws IOException {
        List<PaperRow> paper = PaperTables.load(DataPaths.root().resolve("results").resolve("paper-tables.csv"));
        List<ResultRow> rows = new ArrayList<>();
        add(rows, "mdlm", Methods.TOKENDRIFT, 100, 3, 700, 5.8);
        add(rows, "mdlm", Methods.HARD_LIFT, 100, 3, 5000, 2.0);
        add(rows, "mdlm", Methods.attractionRepulsion(0, 1), 100, 3, 9000, 6.5);
        add(rows, "mdlm", Methods.tokenDriftVariant("base-loss"), 100, 3, 800, 5.9);

        AblationComparison c = AblationComparison.of("mdlm", summarise(rows), paper);

        List<String> order = c.lines().stream().map(l -> l.method() + (l.reference() ? " ref " : " ") + l.steps()).toList();
        assertEquals(List.of("tokendrift ref 100 / 13000 (Table 3)", "tokendrift-hard-lift 100 / 13000 (Table 3)",
                "tokendrift ref 100 / 13000 (Table 4)", "tokendrift-base-loss 100 / 13000 (Table 4)",
                "tokendrift ref 100 / 5000 (Table 6)", "tokendrift-ratio-0-1 100 / 5000 (Table 6)"), order,
                "each variant against the default row of its own table");
        // Paper Table 3: 6464.88 / 208.87; Table 6: 17727.67 / 729.17, entropy 6.56 - 5.84.
        assertEquals(6464.88 / 208.87, c.lines().get(1).paperPplRatio(4), 1e-9);
        assertEquals(17727.67 / 729.17, c.lines().get(5).paperPplRatio(4), 1e-9);
        assertEquals(6.56 - 5.84, c.lines().get(5).paperEntropyChange(4), 1e-9);
    }

    @Test
    void aVariantWhoseTokenDriftStepWasNotEvaluatedHasNoRatio() {
        List<ResultRow> rows = new ArrayList<>();
        add(rows, "mdlm", Methods.TOKENDRIFT, 400, 3, 400, 5.6);
        add(rows, "mdlm", Methods.HARD_LIFT, 200, 3, 5000, 2.0);

        AblationComparison c = AblationComparison.of("mdlm", summarise(rows), paperRows());

        assertEquals(2, c.lines().size());
        assertTrue(c.lines().get(0).ours().isEmpty(), "tokendrift at step 200 has no rows");
        assertTrue(Double.isNaN(c.lines().get(1).ourPplRatio(4)));
        assertEquals(30.0, c.lines().get(1).paperPplRatio(4), 1e-12);
    }

    @Test
    void withoutAblationRowsThereIsNothingToCompare() {
        List<ResultRow> rows = new ArrayList<>();
        add(rows, "mdlm", Methods.TOKENDRIFT, 400, 3, 400, 5.6);
        assertTrue(AblationComparison.of("mdlm", summarise(rows), paperRows()).isEmpty(), "the paper's Table 3 alone is not listed");
    }
}

package org.tokendrift.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokendrift.eval.SyntheticComparison.add;
import static org.tokendrift.eval.SyntheticComparison.paperRows;
import static org.tokendrift.eval.SyntheticComparison.summarise;

/** The README comparison on synthetic results and synthetic paper rows. */
class ReproductionComparisonTest {

    @Test
    void oursBesideThePapersWithSeedMarksReductionsAndEntropyChanges() {
        List<ResultRow> rows = new ArrayList<>();
        add(rows, "mdlm", Methods.PRETRAINED, 2500, 3, 900, 6.0);
        add(rows, "mdlm", Methods.CONTINUATION, 400, 3, 800, 5.9);
        add(rows, "mdlm", Methods.TOKENDRIFT, 400, 2, 400, 5.6);
        add(rows, "mdlm", Methods.TOKENDRIFT, 100, 1, 700, 5.8);   // an intermediate checkpoint: not the table's
        add(rows, "mdlm", Methods.HARD_LIFT, 400, 3, 5000, 2.0);
        rows.add(new ResultRow("mdlm", Methods.REAL_TEXT, 0, 0, 0, 64, 30.0, 4.5, 0.9, 0.99, 0.05));

        String md = ReproductionComparison.render(summarise(rows), paperRows());

        assertTrue(md.contains("| Method | Steps (ours / paper) | NFE 4 ours | NFE 4 paper | NFE 8 ours | NFE 8 paper | NFE 16 ours | NFE 16 paper |"), md);
        // continuation at NFE 4: seeds 800, 801, 802 -> 801 ± 1; the paper's 2000 ± 10.
        assertTrue(md.contains("| continuation | 400 / 13000 (Table 1) | 801.00 ± 1.00 | 2000.00 ± 10.00 | 401.00 ± 1.00 | "
                + "1000.00 ± 10.00 | 201.00 ± 1.00 | 500.00 ± 10.00 |"), md);
        // tokendrift at its latest checkpoint (400), two seeds: 400, 401 -> 400.5 ± 0.71, marked.
        assertTrue(md.contains("| tokendrift | 400 / 13000 (Table 1) | 400.50 ± 0.71 (n=2) | 200.00 ± 10.00 |"), md);
        assertTrue(md.contains("| pretrained | 2500 / released (Table 1) | 901.00 ± 1.00 | 2100.00 ± 10.00 |"), md);
        assertFalse(md.substring(0, md.indexOf("#### MDLM ablations")).contains(Methods.HARD_LIFT),
                "an ablation is not in the main tables: " + md);
        // ... but in the ablation table, against tokendrift at its own step (400 here): 5001 / 400.5 = 12.49;
        // the paper's 6000 / 200 = 30.
        assertTrue(md.contains("#### MDLM ablations (paper Tables 3-6)"), md);
        assertTrue(md.contains("| tokendrift (reference) | 400 / 13000 (Table 1) | 400.50 ± 0.71 (n=2) | 200.00 ± 10.00 |"), md);
        assertTrue(md.contains("| tokendrift-hard-lift | 400 / 13000 (Table 3) | 5001.00 ± 1.00 (×12.49) | 6000.00 ± 10.00 (×30.00) |"), md);
        assertTrue(md.contains("| tokendrift-hard-lift | 400 / 13000 (Table 3) | 2.00 ± 0.00 (-3.60) | 1.50 ± 0.02 (-3.90) |"),
                "entropy: 2.0 - 5.6 and 1.5 - 5.4: " + md);
        assertTrue(md.contains("| tokendrift | 400 / 13000 (Table 1) | 5.60 ± 0.00 (n=2) | 5.40 ± 0.02 |"), "entropy table: " + md);
        // (801 - 400.5) / 801 = 50.0 %, paper (2000 - 200) / 2000 = 90.0 %; at NFE 8: (401 - 200.5) / 401 = 50.0 %.
        assertTrue(md.contains("| Gen-PPL reduction, (cont − td) / cont | 50.0% (n=2) | 90.0% | 50.0% (n=2) | 90.0% |"), md);
        assertTrue(md.contains("| Entropy change, td − cont (nats) | -0.30 (n=2) | -0.50 |"), md);
        assertTrue(md.contains("Held-out real text under our judge (the paper reports none): Gen-PPL 30.00, entropy 4.50 (n=1)."), md);
        assertTrue(md.contains("#### DUO\n\nNo DUO rows in `reproduction.csv` yet."), md);
        assertTrue(md.indexOf("#### MDLM") < md.indexOf("#### DUO"), "the paper's order of backbones");
        assertFalse(md.contains("700.00"), "the intermediate checkpoint is not in the table");
    }

    @Test
    void aMethodWeHaveNoRowsForKeepsThePapersValueAndDashesOurs() {
        List<ResultRow> rows = new ArrayList<>();
        add(rows, "duo", Methods.TOKENDRIFT, 400, 3, 100, 5.3);

        String md = ReproductionComparison.render(summarise(rows), paperRows());

        assertTrue(md.contains("| continuation | – / 13000 (Table 2) | – | 520.00 ± 10.00 | – | 260.00 ± 10.00 |"), md);
        assertTrue(md.contains("| tokendrift | 400 / 13000 (Table 2) | 101.00 ± 1.00 | 80.00 ± 10.00 |"), md);
        // (520 - 80) / 520 = 84.6 %
        assertTrue(md.contains("| Gen-PPL reduction, (cont − td) / cont | – | 84.6% | – | 84.6% | – | 84.6% |"), md);
        assertTrue(md.contains("#### MDLM\n\nNo MDLM rows in `reproduction.csv` yet."), md);
        assertFalse(md.contains(Methods.HARD_LIFT), "a paper-only ablation is not listed: " + md);
        assertFalse(md.contains("ablations"), "no ablation rows, no ablation table: " + md);
    }

    @Test
    void withoutSampledRowsTheSectionSaysSo() {
        assertEquals(ReproductionComparison.NO_ROWS, ReproductionComparison.render(List.of(), paperRows()));
        List<ResultRow> onlyReference = List.of(new ResultRow("mdlm", Methods.REAL_TEXT, 0, 0, 0, 64, 30.0, 4.5, 0.9, 0.99, 0.05));
        assertEquals(ReproductionComparison.NO_ROWS, ReproductionComparison.render(summarise(onlyReference), paperRows()));
        assertTrue(ReproductionComparison.NO_ROWS.contains("No reproduction rows exist yet"));
    }
}

package org.tokendrift.notebook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.tokendrift.eval.Methods;
import org.tokendrift.eval.ResultRow;
import org.tokendrift.eval.ResultsTable;
import org.tokendrift.eval.SyntheticComparison;
import org.tokendrift.eval.chart.ChartResult;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokendrift.eval.SyntheticComparison.add;

/** The notebooks' reproduction tables and charts from synthetic CSVs in a temporary results folder. */
class ReproductionTest {

    @TempDir
    Path dir;

    private void writePaper() throws IOException {
        SyntheticComparison.writePaperCsv(dir.resolve(Reproduction.PAPER_FILE), SyntheticComparison.paperRows());
    }

    private Reproduction load(List<ResultRow> rows) throws IOException {
        writePaper();
        ResultsTable.write(dir.resolve(Reproduction.RESULTS_FILE), ResultsTable.toTable(rows));
        return Reproduction.load(dir);
    }

    /** pretrained, continuation and tokendrift for MDLM (tokendrift also at an earlier checkpoint), real text. */
    private static List<ResultRow> mdlmRows() {
        List<ResultRow> rows = new ArrayList<>();
        add(rows, "mdlm", Methods.PRETRAINED, 2500, 3, 899, 6.0);
        add(rows, "mdlm", Methods.CONTINUATION, 400, 3, 799, 5.9);
        add(rows, "mdlm", Methods.TOKENDRIFT, 400, 3, 199, 5.6);
        add(rows, "mdlm", Methods.TOKENDRIFT, 400, 1, 199, 5.6, 32, 64);
        add(rows, "mdlm", Methods.TOKENDRIFT, 100, 1, 599, 5.8, 4, 8, 16, 32, 64);
        for (long seed = 0; seed < 3; seed++) {
            rows.add(new ResultRow("mdlm", Methods.REAL_TEXT, 0, seed, 0, 64, 30.0, 4.5, 0.8, 0.99, 0.05));
        }
        return rows;
    }

    /** The table's methods in order of first appearance. */
    private static List<String> methods(Table table) {
        return List.copyOf(new LinkedHashSet<>(table.stringColumn("method").asList()));
    }

    /** The row of a table whose method and NFE match. */
    private static Row row(Table table, String method, int nfe) {
        for (Row r : table) {
            if (r.getString("method").equals(method) && r.getInt("NFE") == nfe) {
                return r;
            }
        }
        throw new AssertionError("no row " + method + " at NFE " + nfe + " in " + table.print());
    }

    @Test
    void beforeTheReproductionTheStatusSaysHowToRunItAndTheTablesShowThePaperAlone() throws IOException {
        writePaper();   // and no reproduction.csv
        Reproduction repro = Reproduction.load(dir);

        assertFalse(repro.hasRows("mdlm"));
        String status = repro.status("mdlm");
        assertFalse(status.contains("\n"), "one line: " + status);
        assertTrue(status.startsWith("The mdlm reproduction has not been run: reproduction.csv does not exist yet."), status);
        assertTrue(status.contains("run environment/reproduce.sh") && status.contains("re-execute this notebook"), status);

        Table beside = repro.besidePaper("mdlm");
        assertEquals(9, beside.rowCount(), "the paper's three methods at its three NFEs");
        assertEquals(List.of(Methods.PRETRAINED, Methods.CONTINUATION, Methods.TOKENDRIFT),
                methods(beside));
        Row td4 = row(beside, Methods.TOKENDRIFT, 4);
        assertEquals("200.00 ± 10.00", td4.getString("Gen-PPL paper"));
        assertEquals("5.40 ± 0.02", td4.getString("entropy paper"));
        assertEquals("90.0%", td4.getString("PPL reduction vs cont. paper"), "(2000 - 200) / 2000");
        assertEquals("-0.50", td4.getString("entropy change vs cont. paper"));
        assertEquals("–", td4.getString("Gen-PPL ours"));
        assertEquals("–", td4.getString("PPL reduction vs cont. ours"));
        assertEquals("– / 13000 (Table 1)", td4.getString("steps (ours / paper)"));
        assertTrue(beside.intColumn("seeds").isMissing(td4.getRowNumber()));
        assertEquals("–", row(beside, Methods.CONTINUATION, 4).getString("PPL reduction vs cont. paper"),
                "the baseline is not compared with itself");
        assertEquals("– / released (Table 1)", row(beside, Methods.PRETRAINED, 16).getString("steps (ours / paper)"));

        assertEquals(0, repro.diversity("mdlm").rowCount());
        for (ChartResult chart : List.of(repro.genPplVsNfe("mdlm"), repro.trainingDynamics("mdlm"), repro.frontier("mdlm"))) {
            assertTrue(chart.chart().getSeriesMap().isEmpty(), chart.chart().getTitle());
            assertFalse(chart.notes().isEmpty(), "an empty chart says why: " + chart.chart().getTitle());
        }
    }

    @Test
    void ourCellsAreEachMethodsLatestCheckpointBesideThePapers() throws IOException {
        Reproduction repro = load(mdlmRows());

        Table beside = repro.besidePaper("mdlm");
        assertEquals(9, beside.rowCount());
        // tokendrift at step 400 (not 100): seeds 199, 200, 201 at NFE 4 -> 200 ± 1.
        Row td4 = row(beside, Methods.TOKENDRIFT, 4);
        assertEquals("400 / 13000 (Table 1)", td4.getString("steps (ours / paper)"));
        assertEquals(3, td4.getInt("seeds"));
        assertEquals("200.00 ± 1.00", td4.getString("Gen-PPL ours"));
        assertEquals("5.60 ± 0.00", td4.getString("entropy ours"));
        // continuation 800 ± 1: (800 - 200) / 800 = 75.0 %; entropy 5.6 - 5.9.
        assertEquals("75.0%", td4.getString("PPL reduction vs cont. ours"));
        assertEquals("-0.30", td4.getString("entropy change vs cont. ours"));
        assertEquals("90.0%", td4.getString("PPL reduction vs cont. paper"));
        // pretrained 900 vs continuation 800 at NFE 4: -12.5 %, i.e. higher than the baseline.
        assertEquals("-12.5%", row(beside, Methods.PRETRAINED, 4).getString("PPL reduction vs cont. ours"));
        // NFE 16: tokendrift 199 / 4 + 1 = 50.75, continuation 799 / 4 + 1 = 200.75: 150 / 200.75 = 74.7 %.
        assertEquals("74.7%", row(beside, Methods.TOKENDRIFT, 16).getString("PPL reduction vs cont. ours"));
        assertEquals("2500 / released (Table 1)", row(beside, Methods.PRETRAINED, 8).getString("steps (ours / paper)"));
    }

    @Test
    void missingMethodsReadAsMissingAndAblationsHaveTheirOwnTable() throws IOException {
        List<ResultRow> rows = new ArrayList<>();
        add(rows, "mdlm", Methods.PRETRAINED, 2500, 3, 899, 6.0);
        add(rows, "mdlm", Methods.TOKENDRIFT, 400, 2, 199, 5.6);
        add(rows, "mdlm", Methods.HARD_LIFT, 200, 1, 4999, 2.0);
        Reproduction repro = load(rows);

        Table beside = repro.besidePaper("mdlm");
        assertEquals(List.of(Methods.PRETRAINED, Methods.CONTINUATION, Methods.TOKENDRIFT), methods(beside),
                "an ablation is read against tokendrift at its own step, in ablations()");
        Row cont = row(beside, Methods.CONTINUATION, 8);
        assertEquals("–", cont.getString("Gen-PPL ours"));
        assertEquals("1000.00 ± 10.00", cont.getString("Gen-PPL paper"));
        Row td = row(beside, Methods.TOKENDRIFT, 4);
        assertEquals("199.50 ± 0.71", td.getString("Gen-PPL ours"), "two seeds: 199, 200");
        assertEquals(2, td.getInt("seeds"));
        assertEquals("–", td.getString("PPL reduction vs cont. ours"), "no continuation rows of ours");
        assertEquals("90.0%", td.getString("PPL reduction vs cont. paper"));
        Table ablations = repro.ablations("mdlm");
        assertEquals(List.of("tokendrift (reference)", Methods.HARD_LIFT), methods(ablations));
        Row reference = row(ablations, "tokendrift (reference)", 4);
        assertEquals("–", reference.getString("Gen-PPL ours"), "tokendrift at step 200 was not evaluated");
        assertEquals("200.00 ± 10.00", reference.getString("Gen-PPL paper"));
        Row hardLift = row(ablations, Methods.HARD_LIFT, 4);
        assertEquals("4999.00", hardLift.getString("Gen-PPL ours"), "one seed: no SD");
        assertEquals("200 / 13000 (Table 3)", hardLift.getString("steps (ours / paper)"));
        assertEquals("6000.00 ± 10.00", hardLift.getString("Gen-PPL paper"));
        assertEquals("–", hardLift.getString("×TD ours"), "no tokendrift rows at step 200");
        assertEquals("×30.00", hardLift.getString("×TD paper"), "6000 / 200");
        assertEquals("-3.90", hardLift.getString("Δ entropy paper"), "1.5 - 5.4");
        assertEquals(0, repro.ablations("duo").rowCount());

        assertEquals("mdlm: 18 rows in reproduction.csv: pretrained at step 2500, NFE 4–16, 3 seeds; tokendrift at step 400, "
                + "NFE 4–16, 2 seeds; tokendrift-hard-lift at step 200, NFE 4–16, 1 seed. Not evaluated yet: continuation.",
                repro.status("mdlm"));
        String duo = repro.status("duo");
        assertTrue(duo.startsWith("The duo reproduction has not been run: reproduction.csv has no duo rows yet "
                + "(18 rows of other backbones)."), duo);
        assertEquals(9, repro.besidePaper("duo").rowCount(), "the paper's Table 2 alone");
        assertEquals("84.6%", row(repro.besidePaper("duo"), Methods.TOKENDRIFT, 4).getString("PPL reduction vs cont. paper"),
                "(520 - 80) / 520");
    }

    @Test
    void statusNamesCheckpointsNfesAndSeedsOfEveryMethod() throws IOException {
        Reproduction repro = load(mdlmRows());

        String status = repro.status("mdlm");
        assertFalse(status.contains("\n"), status);
        assertEquals("mdlm: 37 rows in reproduction.csv: pretrained at step 2500, NFE 4–16, 3 seeds; continuation at step 400, "
                + "NFE 4–16, 3 seeds; tokendrift at steps 100–400 (2 checkpoints), NFE 4–64, 3 seeds; "
                + "real_text (reference), 3 seeds.", status);
        assertTrue(repro.hasRows("mdlm"));
    }

    @Test
    void diversityShowsTheComparedCellsThenRealText() throws IOException {
        Reproduction repro = load(mdlmRows());

        Table diversity = repro.diversity("mdlm");
        assertEquals(10, diversity.rowCount(), "3 methods x 3 NFEs, then real text");
        assertEquals(Methods.REAL_TEXT, diversity.stringColumn("method").get(9));
        assertEquals(0, diversity.intColumn("NFE").get(9));
        assertEquals("0.800 ± 0.000", diversity.stringColumn("distinct-2").get(9));
        Row td8 = row(diversity, Methods.TOKENDRIFT, 8);
        assertEquals(400, td8.getInt("steps"));
        assertEquals("0.510 ± 0.010", td8.getString("distinct-2"), "0.50, 0.51, 0.52");
        assertEquals("0.900 ± 0.000", td8.getString("distinct-4"));
        assertEquals("0.100 ± 0.000", td8.getString("self-BLEU"));
        assertFalse(diversity.intColumn("NFE").contains(32), "only the paper's NFEs");
    }

    @Test
    void chartsDrawOurCurvesAndReferences() throws IOException {
        Reproduction repro = load(mdlmRows());

        XYChart nfe = repro.genPplVsNfe("mdlm").chart();
        assertEquals(List.of(Methods.PRETRAINED, Methods.CONTINUATION, Methods.TOKENDRIFT, "real_text (reference)"),
                List.copyOf(nfe.getSeriesMap().keySet()));
        assertEquals(5, nfe.getSeriesMap().get(Methods.TOKENDRIFT).getXData().length, "final checkpoint: NFE 4..64");

        XYChart dynamics = repro.trainingDynamics("mdlm").chart();
        assertEquals(List.of("tokendrift 100", "tokendrift 400", "pretrained 2.5k", "continuation 400", "real_text (reference)"),
                List.copyOf(dynamics.getSeriesMap().keySet()));

        XYChart frontier = repro.frontier("mdlm").chart();
        assertEquals(List.of(Methods.PRETRAINED, Methods.CONTINUATION, Methods.TOKENDRIFT, Methods.REAL_TEXT),
                List.copyOf(frontier.getSeriesMap().keySet()));
        assertEquals(10, frontier.getSeriesMap().get(Methods.TOKENDRIFT).getXData().length, "every checkpoint and NFE");
    }

    @Test
    void thePapersTableMustExist() {
        IOException e = assertThrows(IOException.class, () -> Reproduction.load(dir));
        assertTrue(e.getMessage().contains(Reproduction.PAPER_FILE), e.toString());
    }
}

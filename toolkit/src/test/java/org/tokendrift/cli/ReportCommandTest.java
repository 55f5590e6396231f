package org.tokendrift.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokendrift.eval.ReproductionComparison;
import org.tokendrift.eval.ResultRow;
import org.tokendrift.eval.ResultsTable;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportCommandTest {

    /** MDLM rows of a method at seeds 0-2 and NFE 4, 8, 16: Gen-PPL {@code genPplTimesNfe / nfe + seed}, so the SD is 1. */
    private static List<ResultRow> threeSeeds(String method, int steps, double genPplTimesNfe, double entropy) {
        List<ResultRow> rows = new ArrayList<>();
        for (long seed = 0; seed < 3; seed++) {
            for (int nfe : new int[]{4, 8, 16}) {
                rows.add(new ResultRow("mdlm", method, steps, seed, nfe, 64, genPplTimesNfe / nfe + seed, entropy, 0.8, 0.95, 0.1));
            }
        }
        return rows;
    }

    @Test
    void writesSummaryMarkdownAndChartsFromTheResultsCsv(@TempDir Path dir) throws IOException {
        List<ResultRow> rows = new ArrayList<>();
        rows.addAll(threeSeeds("continuation", 13000, 2000, 5.9));
        rows.addAll(threeSeeds("tokendrift", 6000, 500, 5.5));
        rows.addAll(threeSeeds("tokendrift", 13000, 200, 5.4));
        rows.add(new ResultRow("mdlm", "real_text", 0, 0, 0, 64, 14.0, 5.6, 0.9, 0.99, 0.05));
        // a backbone with only its real-text reference so far gets no (empty) charts
        rows.add(new ResultRow("duo", "real_text", 0, 0, 0, 64, 14.0, 5.6, 0.9, 0.99, 0.05));
        Path csv = dir.resolve("reproduction.csv");
        ResultsTable.upsert(csv, rows);

        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ReportCommand()).setExecutionExceptionHandler(new UserErrorHandler()).setOut(new PrintWriter(out));
        int exit = cli.execute("--results", csv.toString(), "--out-dir", dir.toString(), "--nfe", "4,8");

        assertEquals(0, exit, out.toString());
        String markdown = Files.readString(dir.resolve("reproduction.md"));
        // seed means (2000/4 + 0, +1, +2) = 501, sample SD 1
        assertTrue(markdown.contains("| continuation | 13000 | 3 | 501.00 ± 1.00 | 5.90 ± 0.00 | 251.00 ± 1.00 | 5.90 ± 0.00 |"),
                markdown);
        // (51 - 501) / 501 = -89.8 %, (26 - 251) / 251 = -89.6 %
        assertTrue(markdown.contains("| tokendrift | 13000 | -89.8% | -89.6% |"), markdown);
        List<String> summary = Files.readAllLines(dir.resolve("reproduction_summary.csv"));
        assertTrue(summary.get(0).startsWith("backbone,method,train_steps,nfe,num_seeds,gen_ppl_mean,gen_ppl_sd"), summary.get(0));
        assertEquals(1 + 3 * 3 + 1 + 1, summary.size());
        for (String chart : List.of("genppl_vs_nfe_duo", "frontier_duo", "training_dynamics_duo")) {
            assertFalse(Files.exists(dir.resolve(chart + ".png")), chart + " has nothing to show");
        }
        for (String chart : List.of("genppl_vs_nfe_mdlm", "frontier_mdlm", "training_dynamics_mdlm")) {
            assertEquals(800, ImageIO.read(dir.resolve(chart + ".png").toFile()).getWidth(), chart);
            assertTrue(Files.readString(dir.resolve(chart + ".svg")).contains("<svg"), chart);
        }
        assertTrue(out.toString().contains("gen_ppl_mean"), out.toString());
    }

    @Test
    void missingResultsFileIsAClearErrorNotAStackTrace(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReportCommand()).setExecutionExceptionHandler(new UserErrorHandler()).setErr(new PrintWriter(err));
        int exit = cli.execute("--results", dir.resolve("nope.csv").toString(), "--out-dir", dir.toString());
        assertEquals(1, exit);
        assertTrue(err.toString().startsWith("report: no results file at"), err.toString());
    }

    private static final String ABOVE = "# Project\n\n## Status\n\nhand-written text\n\n## Reproduction: our tables beside the paper's\n\n";
    private static final String BELOW = "\n## Next section\n\nmore hand-written text\n";

    private static Path readme(Path dir, String middle) throws IOException {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, ABOVE + middle + BELOW);
        return readme;
    }

    private static Path shippedPaperTables() {
        return org.tokendrift.data.DataPaths.root().resolve("results").resolve("paper-tables.csv");
    }

    private static int report(Path dir, Path csv, Path readme, StringWriter out, StringWriter err) {
        return new CommandLine(new ReportCommand()).setExecutionExceptionHandler(new UserErrorHandler()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("--results", csv.toString(), "--out-dir", dir.resolve("out").toString(), "--readme", readme.toString(),
                        "--paper", shippedPaperTables().toString());
    }

    @Test
    void readmeSectionIsRegeneratedBetweenItsMarkersAndNowhereElse(@TempDir Path dir) throws IOException {
        List<ResultRow> rows = new ArrayList<>();
        rows.addAll(threeSeeds("continuation", 400, 1600, 5.9));
        rows.addAll(threeSeeds("tokendrift", 400, 400, 5.5));
        Path csv = dir.resolve("reproduction.csv");
        ResultsTable.upsert(csv, rows);
        Path readme = readme(dir, "<!-- reproduction:begin -->\nstale table\n<!-- reproduction:end -->\n");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, report(dir, csv, readme, out, err), err.toString());

        String text = Files.readString(readme);
        assertTrue(text.startsWith(ABOVE + "<!-- reproduction:begin -->\n") && text.endsWith("<!-- reproduction:end -->\n" + BELOW), text);
        assertTrue(!text.contains("stale table") && text.contains("#### MDLM") && text.contains("#### DUO"), text);
        // Ours at NFE 4: continuation 400 + seed -> 401 ± 1, tokendrift 100 + seed -> 101 ± 1; (401 - 101) / 401 = 74.8 %.
        assertTrue(text.contains("| tokendrift | 400 / 13000 (Table 1) | 101.00 ± 1.00 |"), text);
        assertTrue(text.contains("| Gen-PPL reduction, (cont − td) / cont | 74.8% |"), text);
        assertTrue(out.toString().contains(readme.toString()), "listed as written: " + out);
        assertTrue(Files.exists(dir.resolve("out").resolve("reproduction.md")), "the usual report is written too");
    }

    @Test
    void withoutResultsTheReadmeSaysNoRowsExistYet(@TempDir Path dir) throws IOException {
        Path readme = readme(dir, "<!-- reproduction:begin -->\n<!-- reproduction:end -->\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, report(dir, dir.resolve("none.csv"), readme, out, err), err.toString());
        assertEquals(ABOVE + "<!-- reproduction:begin -->\n" + ReproductionComparison.NO_ROWS + "<!-- reproduction:end -->\n" + BELOW,
                Files.readString(readme));
    }

    @Test
    void missingMarkersAreAClearErrorAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("reproduction.csv");
        ResultsTable.upsert(csv, List.of(new ResultRow("mdlm", "tokendrift", 400, 0, 4, 64, 100, 5.5, 0.7, 0.9, 0.2)));
        Path readme = readme(dir, "no markers here\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(1, report(dir, csv, readme, out, err));
        assertTrue(err.toString().startsWith("report: " + readme + " has no marker <!-- reproduction:begin -->"), err.toString());
        assertEquals(ABOVE + "no markers here\n" + BELOW, Files.readString(readme));
        assertTrue(Files.notExists(dir.resolve("out")), "nothing else is written either");
    }

    @Test
    void theShippedReadmeHasTheGeneratedSectionOnce() throws IOException {
        Path readme = org.tokendrift.data.DataPaths.root().getParent().resolve("README.md");
        String text = Files.readString(readme);
        String regenerated = org.tokendrift.util.MarkedSection.replace(text, ReproductionComparison.BEGIN, ReproductionComparison.END,
                "x", readme.toString());
        assertTrue(regenerated.contains(ReproductionComparison.BEGIN + "\nx\n" + ReproductionComparison.END), regenerated);
    }
}

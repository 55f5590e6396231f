package org.tokendrift.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportCommandTest {

    @Test
    void writesSummaryMarkdownAndChartsFromTheResultsCsv(@TempDir Path dir) throws IOException {
        List<ResultRow> rows = new ArrayList<>();
        for (long seed = 0; seed < 3; seed++) {
            for (int nfe : new int[]{4, 8, 16}) {
                rows.add(new ResultRow("mdlm", "continuation", 13000, seed, nfe, 64, 2000.0 / nfe + seed, 5.9, 0.8, 0.95, 0.1));
                rows.add(new ResultRow("mdlm", "tokendrift", 6000, seed, nfe, 64, 500.0 / nfe + seed, 5.5, 0.7, 0.9, 0.2));
                rows.add(new ResultRow("mdlm", "tokendrift", 13000, seed, nfe, 64, 200.0 / nfe + seed, 5.4, 0.7, 0.9, 0.2));
            }
        }
        rows.add(new ResultRow("mdlm", "real_text", 0, 0, 0, 64, 14.0, 5.6, 0.9, 0.99, 0.05));
        Path csv = dir.resolve("reproduction.csv");
        ResultsTable.upsert(csv, rows);

        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ReportCommand()).setOut(new PrintWriter(out));
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
        assertEquals(1 + 3 * 3 + 1, summary.size());
        for (String chart : List.of("genppl_vs_nfe_mdlm", "frontier_mdlm", "training_dynamics_mdlm")) {
            assertEquals(800, ImageIO.read(dir.resolve(chart + ".png").toFile()).getWidth(), chart);
            assertTrue(Files.readString(dir.resolve(chart + ".svg")).contains("<svg"), chart);
        }
        assertTrue(out.toString().contains("gen_ppl_mean"), out.toString());
    }

    @Test
    void missingResultsFileIsAClearErrorNotAStackTrace(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReportCommand()).setErr(new PrintWriter(err));
        int exit = cli.execute("--results", dir.resolve("nope.csv").toString(), "--out-dir", dir.toString());
        assertEquals(1, exit);
        assertTrue(err.toString().startsWith("report: no results file at"), err.toString());
    }
}

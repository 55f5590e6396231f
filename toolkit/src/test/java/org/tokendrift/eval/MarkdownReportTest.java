package org.tokendrift.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownReportTest {

    private static ResultRow row(String method, int steps, long seed, int nfe, double genPpl, double entropy) {
        return new ResultRow("mdlm", method, steps, seed, nfe, 64, genPpl, entropy, 0.5, 0.9, 0.2);
    }

    @Test
    void paperStyleTableWithMeanSdPerNfeAndRelativeChange() {
        List<SummaryRow> summary = SummaryRow.fromTable(SeedSummary.summarise(ResultsTable.toTable(List.of(
                row("tokendrift", 13000, 0, 4, 200, 5.4),
                row("tokendrift", 13000, 1, 4, 220, 5.4),
                row("tokendrift", 13000, 0, 8, 50, 5.1),
                row("continuation", 13000, 0, 4, 2000, 5.9),
                row("continuation", 13000, 1, 4, 2000, 5.9),
                row("pretrained", 0, 0, 4, 1900, 5.9),
                row("pretrained", 0, 1, 4, 2000, 6.0),
                row("real_text", 0, 0, 0, 20, 5.6)))));

        String md = MarkdownReport.render(summary, MarkdownReport.Options.defaults());
        List<String> lines = md.lines().toList();

        assertEquals("## Backbone `mdlm`", lines.get(0));
        int header = lines.indexOf("| Method | Train steps | Seeds | NFE 4 Gen-PPL ↓ | NFE 4 Entropy ↑ "
                + "| NFE 8 Gen-PPL ↓ | NFE 8 Entropy ↑ |");
        assertTrue(header > 0, md);
        // sample SDs: sqrt((50^2 + 50^2) / 1) = 70.71, sqrt((10^2 + 10^2) / 1) = 14.14, sqrt(2 * 0.05^2) = 0.07
        assertEquals(List.of(
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
                "| pretrained | 0 | 2 | 1950.00 ± 70.71 | 5.95 ± 0.07 | – | – |",
                "| continuation | 13000 | 2 | 2000.00 ± 0.00 | 5.90 ± 0.00 | – | – |",
                "| tokendrift | 13000 | 1–2 | 210.00 ± 14.14 | 5.40 ± 0.00 | 50.00 | 5.10 |",
                "| real_text | – | 1 | 20.00 | 5.60 | 20.00 | 5.60 |"),
                lines.subList(header + 1, header + 6));

        int change = lines.indexOf("| Method | Train steps | NFE 4 | NFE 8 |");
        assertTrue(change > header, md);
        // (1950 - 2000) / 2000 = -2.5 % (baseline's only checkpoint); (210 - 2000) / 2000 = -89.5 %
        assertEquals(List.of(
                "| --- | ---: | ---: | ---: |",
                "| pretrained | 0 | -2.5% | – |",
                "| tokendrift | 13000 | -89.5% | – |"),
                lines.subList(change + 1, change + 4));
    }

    @Test
    void chosenNfeColumnsOnlyAndNoChangeTableWithoutBaseline() {
        List<SummaryRow> summary = SummaryRow.fromTable(SeedSummary.summarise(ResultsTable.toTable(List.of(
                row("tokendrift", 13000, 0, 4, 200, 5.4),
                row("tokendrift", 13000, 0, 8, 50, 5.1)))));
        String md = MarkdownReport.render(summary, new MarkdownReport.Options(List.of(8), "continuation"));
        assertTrue(md.contains("| Method | Train steps | Seeds | NFE 8 Gen-PPL ↓ | NFE 8 Entropy ↑ |\n"), md);
        assertTrue(md.contains("| tokendrift | 13000 | 1 | 50.00 | 5.10 |\n"), md);
        assertTrue(!md.contains("Relative Gen-PPL change"), md);
    }
}

package org.tokendrift.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic rows for tests of our results beside the paper's: results whose seed means and SDs are
 * known by construction, and the paper's Tables 1-3 in miniature, as records or as a
 * {@code paper-tables.csv}.
 */
public final class SyntheticComparison {

    /** The NFEs of the paper's tables. */
    public static final int[] TABLE_NFES = {4, 8, 16};

    private SyntheticComparison() {
    }

    /**
     * Seeds {@code 0..seeds-1} of a method at one checkpoint and the given NFEs (the paper's if none):
     * Gen-PPL {@code genPplAt4 * 4 / nfe + seed}, so with 3 seeds the mean is that plus 1 and the sample SD
     * 1; a constant entropy; distinct-2 {@code 0.5 + 0.01 seed}, distinct-4 0.9, self-BLEU 0.1.
     */
    public static void add(List<ResultRow> rows, String backbone, String method, int steps, int seeds, double genPplAt4,
                           double entropy, int... nfes) {
        for (long seed = 0; seed < seeds; seed++) {
            for (int nfe : nfes.length == 0 ? TABLE_NFES : nfes) {
                rows.add(new ResultRow(backbone, method, steps, seed, nfe, 64, genPplAt4 * 4 / nfe + seed, entropy,
                        0.5 + 0.01 * seed, 0.9, 0.1));
            }
        }
    }

    /** Our rows as seed means ({@link SeedSummary}), as the comparisons read them. */
    public static List<SummaryRow> summarise(List<ResultRow> rows) {
        return SummaryRow.fromTable(SeedSummary.summarise(ResultsTable.toTable(rows)));
    }

    /**
     * The paper in miniature: Gen-PPL {@code genPplAt4 * 4 / nfe} ± 10 and entropy ± 0.02 for MDLM (Table 1:
     * 2100, 2000, 200 at NFE 4), DUO (Table 2: 500, 520, 80) and MDLM's hard-lift ablation (Table 3: 6000).
     */
    public static List<PaperRow> paperRows() {
        List<PaperRow> rows = new ArrayList<>();
        paper(rows, 1, "mdlm", Methods.PRETRAINED, 0, 2100, 5.95);
        paper(rows, 1, "mdlm", Methods.CONTINUATION, 13000, 2000, 5.90);
        paper(rows, 1, "mdlm", Methods.TOKENDRIFT, 13000, 200, 5.40);
        paper(rows, 2, "duo", Methods.PRETRAINED, 0, 500, 5.5);
        paper(rows, 2, "duo", Methods.CONTINUATION, 13000, 520, 5.5);
        paper(rows, 2, "duo", Methods.TOKENDRIFT, 13000, 80, 5.4);
        paper(rows, 3, "mdlm", Methods.HARD_LIFT, 13000, 6000, 1.5);
        return rows;
    }

    private static void paper(List<PaperRow> rows, int table, String backbone, String method, int steps, double genPplAt4,
                              double entropy) {
        for (int nfe : TABLE_NFES) {
            rows.add(new PaperRow(table, backbone, method, steps, nfe, genPplAt4 * 4 / nfe, 10, entropy, 0.02, "test"));
        }
    }

    /** Writes rows as a {@code paper-tables.csv} that {@link PaperTables#load} reads back. */
    public static void writePaperCsv(Path csv, List<PaperRow> rows) throws IOException {
        StringBuilder text = new StringBuilder(String.join(",", PaperTables.COLUMNS)).append('\n');
        for (PaperRow r : rows) {
            text.append(r.table()).append(',').append(r.backbone()).append(',').append(r.method()).append(',')
                    .append(r.continualSteps()).append(',').append(r.nfe()).append(',').append(r.genPplMean()).append(',')
                    .append(r.genPplSd()).append(',').append(r.entropyMean()).append(',').append(r.entropySd()).append(',')
                    .append(r.source()).append('\n');
        }
        Files.writeString(csv, text);
    }
}

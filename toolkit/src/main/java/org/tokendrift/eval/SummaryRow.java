package org.tokendrift.eval;

import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of a {@link SeedSummary} table as a record, for code that formats or plots it.
 * SDs are {@code NaN} when fewer than two seeds were available.
 */
public record SummaryRow(String backbone, String method, int trainSteps, int nfe, int numSeeds,
                         double genPplMean, double genPplSd, double entropyMean, double entropySd,
                         double distinct2Mean, double distinct2Sd, double distinct4Mean, double distinct4Sd,
                         double selfBleuMean, double selfBleuSd) {

    /** True for a reference row that was not sampled ({@code nfe = 0}, e.g. {@code real_text}). */
    public boolean isReference() {
        return nfe <= 0;
    }

    /** Reads every row of a table produced by {@link SeedSummary#summarise}. */
    public static List<SummaryRow> fromTable(Table summary) {
        List<SummaryRow> rows = new ArrayList<>(summary.rowCount());
        for (Row r : summary) {
            rows.add(new SummaryRow(r.getString(ResultsSchema.BACKBONE), r.getString(ResultsSchema.METHOD),
                    r.getInt(ResultsSchema.TRAIN_STEPS), r.getInt(ResultsSchema.NFE), r.getInt(SeedSummary.NUM_SEEDS),
                    mean(r, ResultsSchema.GEN_PPL), sd(r, ResultsSchema.GEN_PPL),
                    mean(r, ResultsSchema.ENTROPY), sd(r, ResultsSchema.ENTROPY),
                    mean(r, ResultsSchema.DISTINCT2), sd(r, ResultsSchema.DISTINCT2),
                    mean(r, ResultsSchema.DISTINCT4), sd(r, ResultsSchema.DISTINCT4),
                    mean(r, ResultsSchema.SELF_BLEU), sd(r, ResultsSchema.SELF_BLEU)));
        }
        return rows;
    }

    private static double mean(Row r, String metric) {
        return r.getDouble(SeedSummary.meanColumn(metric));
    }

    private static double sd(Row r, String metric) {
        return r.getDouble(SeedSummary.sdColumn(metric));
    }
}

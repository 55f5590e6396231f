package org.tokendrift.eval.chart;

import org.knowm.xchart.XYChart;
import org.tokendrift.eval.Methods;
import org.tokendrift.eval.SummaryRow;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Gen-PPL against NFE for one backbone: one curve per method at that method's final checkpoint
 * (largest train steps), error bars = sample SD over seeds, log-scale Gen-PPL, NFE axis in powers of
 * two. Reference rows ({@code real_text}, {@code nfe = 0}) are drawn as dotted horizontal lines.
 * TokenDrift variants (ablations) are left out, as in the README's main table: an ablation is read
 * against TokenDrift at its own, earlier step ({@code AblationComparison}), not at the final checkpoint.
 */
public final class GenPplVsNfeChart {

    private GenPplVsNfeChart() {
    }

    public static ChartResult create(List<SummaryRow> summary, String backbone) {
        List<String> notes = new ArrayList<>();
        XYChart chart = Charts.logPplChart("Gen-PPL vs NFE (" + backbone + ", final checkpoint per method)", "NFE");
        Charts.useNfeAxis(chart);
        List<SummaryRow> rows = summary.stream().filter(r -> r.backbone().equals(backbone)).toList();
        List<SummaryRow> sampled = rows.stream().filter(r -> !r.isReference()).toList();
        if (sampled.isEmpty()) {
            notes.add("no sampled rows for backbone '" + backbone + "'");
            return new ChartResult(chart, notes);
        }
        TreeSet<String> methods = new TreeSet<>(Methods.DISPLAY_ORDER);
        sampled.stream().map(SummaryRow::method).filter(m -> !Methods.isTokenDriftVariant(m)).forEach(methods::add);
        for (String method : methods) {
            int finalSteps = sampled.stream().filter(r -> r.method().equals(method))
                    .mapToInt(SummaryRow::trainSteps).max().orElseThrow();
            Charts.addNfeCurve(chart, method, sampled.stream()
                    .filter(r -> r.method().equals(method) && r.trainSteps() == finalSteps).toList(), false, notes);
        }
        double from = sampled.stream().mapToDouble(r -> Charts.nfePosition(r.nfe())).min().orElseThrow();
        double to = sampled.stream().mapToDouble(r -> Charts.nfePosition(r.nfe())).max().orElseThrow();
        for (SummaryRow reference : rows.stream().filter(SummaryRow::isReference).toList()) {
            Charts.addReferenceLine(chart, reference.method() + " (reference)", reference, from, to, notes);
        }
        return new ChartResult(chart, notes);
    }
}

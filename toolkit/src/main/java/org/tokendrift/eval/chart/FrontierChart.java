package org.tokendrift.eval.chart;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.tokendrift.eval.Methods;
import org.tokendrift.eval.SummaryRow;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The quality-diversity frontier for one backbone: Gen-PPL (log scale) against unigram entropy,
 * one scatter series per method with a point per (checkpoint, NFE) seed mean. Gen-PPL can be
 * lowered by lowering entropy (greedier sampling), so methods should be compared at matched
 * entropy: a better method sits lower at the same x.
 */
public final class FrontierChart {

    private FrontierChart() {
    }

    public static ChartResult create(List<SummaryRow> summary, String backbone) {
        List<String> notes = new ArrayList<>();
        XYChart chart = Charts.logPplChart("Gen-PPL vs entropy (" + backbone + ")", "Unigram entropy (nats)");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        List<SummaryRow> rows = summary.stream().filter(r -> r.backbone().equals(backbone)).toList();
        TreeSet<String> methods = new TreeSet<>(Methods.DISPLAY_ORDER);
        rows.forEach(r -> methods.add(r.method()));
        for (String method : methods) {
            List<SummaryRow> points = rows.stream().filter(r -> r.method().equals(method)).toList();
            LogAxisGuard.Points kept = LogAxisGuard.guard(method,
                    points.stream().mapToDouble(SummaryRow::entropyMean).toArray(),
                    points.stream().map(r -> r.isReference() ? "reference" : "NFE " + r.nfe() + ", steps " + r.trainSteps())
                            .toArray(String[]::new),
                    points.stream().mapToDouble(SummaryRow::genPplMean).toArray(),
                    null, notes);
            if (!kept.isEmpty()) {
                chart.addSeries(method, kept.x(), kept.y());
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            notes.add("no plottable rows for backbone '" + backbone + "'");
        }
        return new ChartResult(chart, notes);
    }
}

package org.tokendrift.eval.chart;

import org.knowm.xchart.XYChart;
import org.tokendrift.eval.Methods;
import org.tokendrift.eval.SummaryRow;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Training dynamics as in the paper's Figure 2: Gen-PPL against NFE for one backbone and method,
 * one curve per checkpoint ({@code train_steps}), so one sees whether the gain grows with training.
 * Reference methods (typically {@code pretrained} and {@code continuation}) are added as dashed
 * curves at their final checkpoint, and reference rows ({@code real_text}) as dotted lines.
 */
public final class TrainingDynamicsChart {

    /** The usual references: the pretrained base and the continuation baseline as curves, real text as a line. */
    public static final List<String> REFERENCES = List.of(Methods.PRETRAINED, Methods.CONTINUATION, Methods.REAL_TEXT);

    private TrainingDynamicsChart() {
    }

    public static ChartResult create(List<SummaryRow> summary, String backbone, String method, List<String> referenceMethods) {
        List<String> notes = new ArrayList<>();
        XYChart chart = Charts.logPplChart("Training dynamics: " + method + " (" + backbone + ")", "NFE");
        Charts.useNfeAxis(chart);
        List<SummaryRow> rows = summary.stream().filter(r -> r.backbone().equals(backbone)).toList();
        List<SummaryRow> sampled = rows.stream().filter(r -> !r.isReference()).toList();
        List<SummaryRow> ofMethod = sampled.stream().filter(r -> r.method().equals(method)).toList();
        if (ofMethod.isEmpty()) {
            notes.add("no sampled rows for method '" + method + "' of backbone '" + backbone + "'");
            return new ChartResult(chart, notes);
        }
        for (int steps : new TreeSet<>(ofMethod.stream().map(SummaryRow::trainSteps).toList())) {
            Charts.addNfeCurve(chart, Charts.curveName(method, steps),
                    ofMethod.stream().filter(r -> r.trainSteps() == steps).toList(), false, notes);
        }
        List<SummaryRow> plotted = new ArrayList<>(ofMethod);
        List<SummaryRow> lines = new ArrayList<>();
        for (String reference : referenceMethods) {
            if (reference.equals(method)) {
                continue;
            }
            List<SummaryRow> sampledReference = sampled.stream().filter(r -> r.method().equals(reference)).toList();
            if (!sampledReference.isEmpty()) {
                int finalSteps = sampledReference.stream().mapToInt(SummaryRow::trainSteps).max().orElseThrow();
                List<SummaryRow> curve = sampledReference.stream().filter(r -> r.trainSteps() == finalSteps).toList();
                Charts.addNfeCurve(chart, Charts.curveName(reference, finalSteps), curve, true, notes);
                plotted.addAll(curve);
            }
            rows.stream().filter(r -> r.isReference() && r.method().equals(reference)).findFirst().ifPresent(lines::add);
        }
        // A reference line (real text) spans every NFE drawn, reference curves included.
        double from = plotted.stream().mapToDouble(r -> Charts.nfePosition(r.nfe())).min().orElseThrow();
        double to = plotted.stream().mapToDouble(r -> Charts.nfePosition(r.nfe())).max().orElseThrow();
        for (SummaryRow line : lines) {
            Charts.addReferenceLine(chart, line.method() + " (reference)", line, from, to, notes);
        }
        return new ChartResult(chart, notes);
    }
}

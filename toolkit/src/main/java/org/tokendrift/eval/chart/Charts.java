package org.tokendrift.eval.chart;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.Styler;
import org.tokendrift.eval.SummaryRow;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Shared look of the evaluation charts and the NFE axis.
 *
 * <p><b>NFE axis.</b> NFEs are powers of two (4, 8, ..., 256), which XChart's log axis labels only
 * at 1, 2, ..., 9 x 10^k. So the x axis is linear in {@code log2(NFE)} and its tick labels print
 * {@code 2^x}: ticks read 4, 8, 16, ... at equal spacing, exactly a log-2 axis.
 */
final class Charts {

    static final int WIDTH = 800;
    static final int HEIGHT = 520;

    private Charts() {
    }

    /** An empty chart in the common look: WIDTH x HEIGHT, white background, legend to the right. */
    static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    /** A chart with a logarithmic Gen-PPL y axis and readable (non-scientific) tick labels. */
    static XYChart logPplChart(String title, String xTitle) {
        XYChart chart = chart(title, xTitle, "Gen-PPL (log scale)");
        // Decade-only ticks leave a PPL range such as 20..200 with one or two labels.
        useLogY(chart, true, false);
        return chart;
    }

    /**
     * Makes the y axis logarithmic, with ticks at 1..9 x 10^k or, {@code decadesOnly}, at 10^k
     * alone (for ranges so wide that the 1..9 labels would run into each other).
     * {@code plainLabels}: label ticks as plain decimals ({@code 0.##}, right for values from
     * about 0.01 up); otherwise XChart's own labels.
     */
    static void useLogY(XYChart chart, boolean plainLabels, boolean decadesOnly) {
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(decadesOnly);
        if (plainLabels) {
            // A custom tick formatter would switch XChart 3.8.8 to its linear "callback" tick
            // calculator and mislabel the log axis; a decimal pattern keeps the logarithmic ticks.
            chart.getStyler().setYAxisDecimalPattern("0.##");
        }
    }

    /** {@link #useLogY} for the x axis. */
    static void useLogX(XYChart chart, boolean plainLabels, boolean decadesOnly) {
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(decadesOnly);
        if (plainLabels) {
            chart.getStyler().setXAxisDecimalPattern("0.##");
        }
    }

    /** Position of an NFE on the x axis. */
    static double nfePosition(int nfe) {
        if (nfe <= 0) {
            throw new IllegalArgumentException("NFE must be positive to be placed on the NFE axis, got " + nfe);
        }
        return Math.log(nfe) / Math.log(2);
    }

    /** Labels x-axis ticks at whole log2 positions with the NFE, other ticks without text. */
    static void useNfeAxis(XYChart chart) {
        chart.setCustomXAxisTickLabelsFormatter(x -> {
            long power = Math.round(x);
            return Math.abs(x - power) < 1e-6 && power >= 0 && power < 62 ? Long.toString(1L << power) : "";
        });
    }

    /**
     * Adds a Gen-PPL-vs-NFE curve (sampled rows, sorted by NFE) with SD error bars, guarded for the
     * log axis. Adds nothing (but a note) if no point survived.
     */
    static void addNfeCurve(XYChart chart, String name, List<SummaryRow> rows, boolean dashed, List<String> notes) {
        List<SummaryRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(SummaryRow::nfe));
        LogAxisGuard.Points points = LogAxisGuard.guard(name,
                sorted.stream().mapToDouble(r -> nfePosition(r.nfe())).toArray(),
                sorted.stream().map(r -> "NFE " + r.nfe()).toArray(String[]::new),
                sorted.stream().mapToDouble(SummaryRow::genPplMean).toArray(),
                sorted.stream().mapToDouble(SummaryRow::genPplSd).toArray(),
                notes);
        if (points.isEmpty()) {
            notes.add("series '" + name + "': nothing left to draw");
            return;
        }
        XYSeries series = chart.addSeries(name, points.x(), points.y(), points.error());
        if (dashed) {
            series.setLineStyle(SeriesLines.DASH_DASH);
        }
    }

    /** Adds a horizontal reference line (e.g. real text) across the NFE range {@code [from, to]}. */
    static void addReferenceLine(XYChart chart, String name, SummaryRow reference, double from, double to, List<String> notes) {
        LogAxisGuard.Points level = LogAxisGuard.guard(name, new double[]{from}, new String[]{"reference"},
                new double[]{reference.genPplMean()}, null, notes);
        if (level.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, new double[]{from, to}, new double[]{level.y()[0], level.y()[0]});
        series.setLineStyle(SeriesLines.DOT_DOT);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(Color.DARK_GRAY);
    }

    /** Legend name of a method at a checkpoint: "tokendrift 2k"; just the method at step 0. */
    static String curveName(String method, int trainSteps) {
        return trainSteps == 0 ? method : method + " " + steps(trainSteps);
    }

    /** 2000 -> "2k", 2500 -> "2.5k", 500 -> "500". */
    static String steps(int trainSteps) {
        if (trainSteps >= 1000 && trainSteps % 100 == 0) {
            return (trainSteps % 1000 == 0 ? Integer.toString(trainSteps / 1000)
                    : String.format(Locale.ROOT, "%.1f", trainSteps / 1000.0)) + "k";
        }
        return Integer.toString(trainSteps);
    }
}

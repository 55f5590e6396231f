package org.tokendrift.eval.chart;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Any named (x, y) series in the look of the evaluation charts, with optional error bars and
 * logarithmic axes: the general chart behind the notebooks' one-line plots
 * ({@code org.tokendrift.notebook.Plot}). Points an axis cannot show (non-finite values, and
 * values {@code <= 0} on a logarithmic axis) are dropped with a note, by the same rules as the
 * Gen-PPL charts ({@link LogAxisGuard}); a series with no point left is left out with a note.
 */
public final class SeriesChart {

    /** Line series with more points than this are drawn without markers. */
    static final int MAX_POINTS_WITH_MARKERS = 40;

    /** Width of the plot area, roughly: the chart less the y axis and the legend at the right. */
    static final double LOG_X_PIXELS = 0.75 * Charts.WIDTH;

    /** Width of one character of a tick label, roughly. */
    static final double CHAR_PIXELS = 8;

    /**
     * One series, drawn in the order of its points.
     *
     * @param error error bar half-widths (for example an SD over seeds), or {@code null} for none
     */
    public record Series(String name, double[] x, double[] y, double[] error) {

        public Series {
            Objects.requireNonNull(name, "series name");
            if (x.length != y.length || error != null && error.length != x.length) {
                throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values, " + y.length
                        + " y values" + (error == null ? "" : ", " + error.length + " error values"));
            }
        }

        public Series(String name, double[] x, double[] y) {
            this(name, x, y, null);
        }
    }

    /** Axis scales and how points are drawn: lines through the points, or markers only. */
    public record Style(boolean logX, boolean logY, boolean markersOnly) {
    }

    private SeriesChart() {
    }

    public static ChartResult create(String title, String xTitle, String yTitle, List<Series> series, Style style) {
        List<String> notes = new ArrayList<>();
        XYChart chart = Charts.chart(title, xTitle + (style.logX() ? " (log scale)" : ""),
                yTitle + (style.logY() ? " (log scale)" : ""));
        List<LogAxisGuard.Points> kept = new ArrayList<>();
        for (Series s : series) {
            String[] labels = Arrays.stream(s.x()).mapToObj(x -> xTitle + " = " + number(x)).toArray(String[]::new);
            LogAxisGuard.Points points = LogAxisGuard.guard(s.name(), s.x(), labels, s.y(), s.error(),
                    style.logX(), style.logY(), notes);
            if (points.isEmpty()) {
                notes.add("series '" + s.name() + "': nothing left to draw");
                continue;
            }
            kept.add(points);
            XYSeries added = chart.addSeries(s.name(), points.x(), points.y(), s.error() == null ? null : points.error());
            if (style.markersOnly()) {
                added.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            } else if (points.x().length > MAX_POINTS_WITH_MARKERS) {
                added.setMarker(SeriesMarkers.NONE);
            }
        }
        if (kept.isEmpty()) {   // no axis range to show: an empty frame that says so
            chart.setTitle(title + " (nothing to draw)");
            chart.getStyler().setAxisTicksVisible(false).setPlotGridLinesVisible(false);
            return new ChartResult(chart, notes);
        }
        List<double[]> xs = kept.stream().map(LogAxisGuard.Points::x).toList();
        List<double[]> ys = kept.stream().map(LogAxisGuard.Points::y).toList();
        if (style.logX()) {
            // Side by side, the 1..9 x 10^k labels collide near each power of ten: keep only the
            // powers of ten if the range has room for them, else turn the labels upright.
            boolean plain = plainLabels(xs);
            boolean crowded = crowdedLogXLabels(xs, plain);
            boolean decades = crowded && span(xs) >= 10;
            Charts.useLogX(chart, plain, decades);
            if (crowded && !decades) {
                chart.getStyler().setXAxisLabelRotation(90);
            }
        }
        if (style.logY()) {
            // stacked labels have room for 1..9 x 10^k over about two decades
            Charts.useLogY(chart, plainLabels(ys), span(ys) > 100);
        }
        return new ChartResult(chart, notes);
    }

    /** Plain {@code 0.##} tick labels read well from 0.01 to a million; outside that, XChart's own. */
    static boolean plainLabels(List<double[]> values) {
        return values.stream().flatMapToDouble(Arrays::stream).allMatch(v -> v >= 0.01 && v < 1e6);
    }

    /**
     * Whether the labels of the 9 x 10^k and 10^(k+1) ticks of a log x axis over the values would
     * overlap: their distance is log10(10/9) / decades of the plot width (about
     * {@link #LOG_X_PIXELS}); a label is about {@link #CHAR_PIXELS} per character, as long as the
     * longest end of the range when labels are plain, about 4 characters ("1E5") otherwise.
     */
    static boolean crowdedLogXLabels(List<double[]> values, boolean plainLabels) {
        double decades = Math.log10(span(values));
        if (!(decades > 0)) {
            return false;
        }
        DecimalFormat plain = new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        int chars = !plainLabels ? 4 : values.stream().flatMapToDouble(Arrays::stream)
                .mapToInt(v -> plain.format(v).length()).max().orElse(1);
        double closest = Math.log10(10.0 / 9) / decades * LOG_X_PIXELS;
        return closest < chars * CHAR_PIXELS + 4;
    }

    /** max / min of the values (1 for none): how many powers of ten a log axis spans, as a ratio. */
    static double span(List<double[]> values) {
        double min = values.stream().flatMapToDouble(Arrays::stream).min().orElse(1);
        double max = values.stream().flatMapToDouble(Arrays::stream).max().orElse(1);
        return max / min;
    }

    /** 25 -> "25", 0.5 -> "0.5", 1.0E-5 -> "1.0E-5". */
    private static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}

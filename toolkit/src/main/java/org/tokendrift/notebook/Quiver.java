package org.tokendrift.notebook;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.Arrays;

/**
 * Arrow ("quiver") plots for XChart, which has none: every arrow {@code p -> p + scale * v} is a
 * shaft and a two-stroke head, and all arrows of a call form one line series whose pieces are
 * separated by NaN gaps (XChart breaks a line at NaN). Used to draw drift fields V over points.
 * Heads are drawn in data coordinates, so give the chart equal x and y ranges for true angles.
 */
public final class Quiver {

    /** Head length as a fraction of the arrow's length. */
    static final double HEAD_FRACTION = 0.3;

    /** Angle between the shaft and each head stroke, in radians (25 degrees). */
    static final double HEAD_ANGLE = Math.toRadians(25);

    private Quiver() {
    }

    /**
     * Adds the arrows as one series (lines, no markers) and returns it, e.g. to set its colour.
     *
     * @param chart    the chart to draw on
     * @param name     series name (legend entry)
     * @param points   arrow tails {@code [N][2]}
     * @param vectors  arrow directions {@code [N][2]} (zero or non-finite vectors are skipped)
     * @param scale    arrow = {@code scale * vector}
     */
    public static XYSeries add(XYChart chart, String name, double[][] points, double[][] vectors, double scale) {
        double[][] path = path(points, vectors, scale);
        if (path[0].length == 0) {   // XChart rejects an empty series; one invisible gap keeps the legend entry
            path = new double[][]{{Double.NaN}, {Double.NaN}};
        }
        XYSeries series = chart.addSeries(name, path[0], path[1]);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        return series;
    }

    /**
     * The polyline of the arrows: {@code {xs, ys}}, 9 entries per drawn arrow (tail, tip, gap,
     * tip, head end, gap, tip, head end, gap).
     */
    static double[][] path(double[][] points, double[][] vectors, double scale) {
        if (points.length != vectors.length) {
            throw new IllegalArgumentException("Quiver: " + points.length + " points but " + vectors.length + " vectors");
        }
        double[] xs = new double[9 * points.length];
        double[] ys = new double[9 * points.length];
        int k = 0;
        double cos = Math.cos(HEAD_ANGLE);
        double sin = Math.sin(HEAD_ANGLE);
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != 2 || vectors[i].length != 2) {
                throw new IllegalArgumentException("Quiver: point and vector " + i + " must be 2-D");
            }
            double x0 = points[i][0], y0 = points[i][1];
            double dx = scale * vectors[i][0], dy = scale * vectors[i][1];
            double length = Math.hypot(dx, dy);
            if (!(length > 0) || !Double.isFinite(length) || !Double.isFinite(x0) || !Double.isFinite(y0)) {
                continue;
            }
            double x1 = x0 + dx, y1 = y0 + dy;
            // Head strokes: the reversed shaft direction rotated by +-HEAD_ANGLE, HEAD_FRACTION long.
            double bx = -dx * HEAD_FRACTION, by = -dy * HEAD_FRACTION;
            double[] xsArrow = {x0, x1, Double.NaN, x1, x1 + cos * bx - sin * by, Double.NaN,
                    x1, x1 + cos * bx + sin * by, Double.NaN};
            double[] ysArrow = {y0, y1, Double.NaN, y1, y1 + sin * bx + cos * by, Double.NaN,
                    y1, y1 - sin * bx + cos * by, Double.NaN};
            System.arraycopy(xsArrow, 0, xs, k, 9);
            System.arraycopy(ysArrow, 0, ys, k, 9);
            k += 9;
        }
        return new double[][]{Arrays.copyOf(xs, k), Arrays.copyOf(ys, k)};
    }
}

package org.tokendrift.eval.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes series safe for XChart's logarithmic y axis, which throws
 * {@code IllegalArgumentException} for any value (error bars included) {@code <= 0} and for
 * non-finite values; one diverged run would otherwise kill the whole figure.
 *
 * <p>Rules, each recorded as a note naming series and x:
 * <ul>
 *   <li>a point whose x or y is NaN/infinite, or whose y is {@code <= 0}, is dropped (and, with a
 *       logarithmic x axis, one whose x is {@code <= 0});</li>
 *   <li>an error bar reaching {@code <= 0} ({@code y - sd <= 0}) is removed (set to 0) instead of
 *       being clamped, since XChart's bars are symmetric and a clamped bar would misstate the
 *       spread;</li>
 *   <li>a NaN SD (single seed) silently becomes 0: there is no spread to show.</li>
 * </ul>
 * Non-finite values also break XChart's linear axes, so {@link #guard(String, double[], String[],
 * double[], double[], boolean, boolean, List)} with {@code logY = false} applies the finiteness rule alone.
 */
final class LogAxisGuard {

    /** The points that survived, with their error bars (0 for none). */
    record Points(double[] x, double[] y, double[] error) {

        boolean isEmpty() {
            return x.length == 0;
        }
    }

    private LogAxisGuard() {
    }

    /**
     * @param xLabels how to name each x in notes (for example the NFE rather than its log2)
     * @param sd      error bar half-widths, or {@code null} for none
     */
    static Points guard(String series, double[] x, String[] xLabels, double[] y, double[] sd, List<String> notes) {
        return guard(series, x, xLabels, y, sd, false, true, notes);
    }

    /**
     * The same rules for any pair of axes: non-finite points are always dropped; {@code y <= 0} and
     * error bars reaching {@code <= 0} only on a logarithmic y axis, {@code x <= 0} only on a
     * logarithmic x axis.
     */
    static Points guard(String series, double[] x, String[] xLabels, double[] y, double[] sd, boolean logX, boolean logY,
                        List<String> notes) {
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            String where = "series '" + series + "' at " + xLabels[i];
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i]) || logY && y[i] <= 0) {
                notes.add(where + ": dropped value " + y[i] + (logY ? " (not positive and finite, cannot be drawn on a log axis)"
                        : " (not finite, cannot be drawn)"));
                continue;
            }
            if (logX && x[i] <= 0) {
                notes.add(where + ": dropped point x = " + x[i] + " (not positive, cannot be drawn on a log x axis)");
                continue;
            }
            double error = sd == null || !Double.isFinite(sd[i]) ? 0 : Math.abs(sd[i]);
            if (logY && y[i] - error <= 0) {
                notes.add(where + ": removed error bar ±" + error + " around " + y[i] + " (it reaches <= 0 on a log axis)");
                error = 0;
            }
            kept.add(new double[]{x[i], y[i], error});
        }
        return new Points(kept.stream().mapToDouble(p -> p[0]).toArray(),
                kept.stream().mapToDouble(p -> p[1]).toArray(),
                kept.stream().mapToDouble(p -> p[2]).toArray());
    }
}

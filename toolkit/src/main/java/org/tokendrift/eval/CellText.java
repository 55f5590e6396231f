package org.tokendrift.eval;

import java.util.Locale;

/**
 * How a results cell reads as text, the same in the README's tables ({@link MarkdownReport},
 * {@link ReproductionComparison}) and in the notebooks' tables: {@code 12.34 ± 0.56} for a mean and
 * sample SD over seeds, {@code 89.3%} for a relative change, {@code ×1.23} for a ratio, {@code -0.51} for a
 * signed difference, and {@link #MISSING} where there is no value.
 */
public final class CellText {

    /** A cell without a value. */
    public static final String MISSING = "–";

    private CellText() {
    }

    /** "12.34 ± 0.56"; "12.34" without an SD (a single seed); {@link #MISSING} without a mean. */
    public static String meanSd(double mean, double sd) {
        return meanSd(mean, sd, 2);
    }

    /** {@link #meanSd(double, double)} with {@code decimals} digits after the point. */
    public static String meanSd(double mean, double sd, int decimals) {
        if (Double.isNaN(mean)) {
            return MISSING;
        }
        String pattern = "%." + decimals + "f";
        String m = String.format(Locale.ROOT, pattern, mean);
        return Double.isNaN(sd) ? m : m + String.format(Locale.ROOT, " ± " + pattern, sd);
    }

    /** A fraction as a percentage with one decimal: 0.8926 gives "89.3%"; {@link #MISSING} for NaN. */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? MISSING : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** A ratio as a multiple with two decimals: 1.234 gives "×1.23"; {@link #MISSING} for NaN. */
    public static String multiple(double ratio) {
        return Double.isNaN(ratio) ? MISSING : String.format(Locale.ROOT, "×%.2f", ratio);
    }

    /** A difference with its sign and two decimals: "+0.12", "-0.51"; {@link #MISSING} for NaN. */
    public static String signed(double value) {
        return Double.isNaN(value) ? MISSING : String.format(Locale.ROOT, "%+.2f", value);
    }
}

package org.tokendrift.diffusion;

/** Pearson chi-square goodness-of-fit helpers for Monte-Carlo tests. */
final class ChiSquare {

    private ChiSquare() {
    }

    /**
     * Pearson statistic of {@code counts} against {@code probabilities}; cells with expected count below 5 are
     * pooled into one cell. Returns {@code {statistic, degreesOfFreedom}}. Counts in cells of probability zero
     * make the statistic infinite.
     */
    static double[] statistic(long[] counts, double[] probabilities) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        double stat = 0.0;
        int cells = 0;
        double pooledExpected = 0.0;
        long pooledCount = 0;
        for (int i = 0; i < counts.length; i++) {
            double expected = n * probabilities[i];
            if (probabilities[i] == 0.0) {
                if (counts[i] > 0) {
                    return new double[] {Double.POSITIVE_INFINITY, 1};
                }
                continue;
            }
            if (expected < 5.0) {
                pooledExpected += expected;
                pooledCount += counts[i];
                continue;
            }
            stat += (counts[i] - expected) * (counts[i] - expected) / expected;
            cells++;
        }
        if (pooledExpected > 0.0) {
            stat += (pooledCount - pooledExpected) * (pooledCount - pooledExpected) / pooledExpected;
            cells++;
        }
        return new double[] {stat, Math.max(1, cells - 1)};
    }

    /** Upper 1e-4 quantile of chi-square with {@code df} degrees of freedom (Wilson-Hilferty). */
    static double critical(double df) {
        double z = 3.719; // standard normal upper 1e-4 quantile
        double a = 2.0 / (9.0 * df);
        double q = 1.0 - a + z * Math.sqrt(a);
        return df * q * q * q;
    }

    /** True when the counts are consistent with the probabilities at the 1e-4 level. */
    static boolean consistent(long[] counts, double[] probabilities) {
        double[] s = statistic(counts, probabilities);
        return s[0] < critical(s[1]);
    }

    static String describe(long[] counts, double[] probabilities) {
        double[] s = statistic(counts, probabilities);
        return "chi2 = " + s[0] + " (df " + s[1] + ", critical " + critical(s[1]) + "), counts "
                + java.util.Arrays.toString(counts) + ", probabilities " + java.util.Arrays.toString(probabilities);
    }
}

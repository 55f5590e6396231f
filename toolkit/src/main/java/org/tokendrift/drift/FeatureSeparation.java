package org.tokendrift.drift;

import java.util.Arrays;

/**
 * How well a feature map phi tells a set of sequences apart from real text: the question behind
 * TokenDrift's attraction term, which can only teach what the pooled features see. With features
 * {@code x_i} of the set (n of them), {@code r_j} of real reference text and {@code q_k} of other,
 * held-out real text (m of them):
 * <pre>
 *   meanToReference    = (1/(n |r|)) sum_ij ||x_i - r_j||^2
 *   nearestReference   = (1/n) sum_i min_j ||x_i - r_j||^2
 *   within             = (1/(n(n-1))) sum_{i != k} ||x_i - x_k||^2          (spread of the set)
 *   oneNnAccuracy      = leave-one-out 1-nearest-neighbour accuracy of labelling {x} against {q}
 * </pre>
 * The last is the two-sample classifier test of Lopez-Paz and Oquab (2017) with a 1-NN classifier:
 * 1.0 means the two sets are fully separated in phi's space; if they are indistinguishable, the
 * expected accuracy is the chance of a point's neighbour sharing its label,
 * {@code chance = (n(n-1) + m(m-1)) / ((n+m)(n+m-1))} (0.496 for 64 and 64, 0.551 for 32 and 64).
 * Each point's nearest neighbour is searched among all other points of both sets; an exact tie goes
 * to the lower index of the concatenation {@code [x ; q]}.
 *
 * @param count             n
 * @param meanToReference   mean squared distance to the reference features
 * @param nearestReference  mean squared distance to the nearest reference feature
 * @param within            mean squared distance between two different members of the set (NaN if n < 2)
 * @param oneNnAccuracy     leave-one-out 1-NN accuracy of the set against the held-out real features
 */
public record FeatureSeparation(int count, double meanToReference, double nearestReference, double within,
                                double oneNnAccuracy) {

    /**
     * @param set        x {@code [n][C]}
     * @param reference  r {@code [R][C]}, R >= 1
     * @param heldOut    q {@code [m][C]}, m >= 1, real text not in the reference
     */
    public static FeatureSeparation of(double[][] set, double[][] reference, double[][] heldOut) {
        requireFeatures("set", set);
        requireFeatures("reference", reference);
        requireFeatures("held-out", heldOut);
        int width = set[0].length;
        if (reference[0].length != width || heldOut[0].length != width) {
            throw new IllegalArgumentException("FeatureSeparation: the sets have feature widths " + width + ", "
                    + reference[0].length + " and " + heldOut[0].length);
        }
        double mean = 0;
        double nearest = 0;
        for (double[] x : set) {
            for (double[] r : reference) {
                mean += DriftField.squaredDistance(x, r);
            }
            nearest += nearestSquaredDistance(x, reference);
        }
        return new FeatureSeparation(set.length, mean / ((double) set.length * reference.length), nearest / set.length,
                within(set), oneNearestNeighbourAccuracy(set, heldOut));
    }

    /** Expected 1-NN accuracy of two indistinguishable sets of sizes n and m (see the class comment). */
    public static double chanceAccuracy(int n, int m) {
        double total = n + m;
        return ((double) n * (n - 1) + (double) m * (m - 1)) / (total * (total - 1));
    }

    /** {@code min_j ||x - r_j||^2}. */
    public static double nearestSquaredDistance(double[] x, double[][] reference) {
        double best = Double.POSITIVE_INFINITY;
        for (double[] r : reference) {
            best = Math.min(best, DriftField.squaredDistance(x, r));
        }
        return best;
    }

    /** Mean squared distance over ordered pairs of different members; NaN for fewer than two. */
    static double within(double[][] set) {
        if (set.length < 2) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < set.length; i++) {
            for (int k = 0; k < set.length; k++) {
                if (i != k) {
                    sum += DriftField.squaredDistance(set[i], set[k]);
                }
            }
        }
        return sum / ((double) set.length * (set.length - 1));
    }

    /** Leave-one-out 1-NN accuracy of the labels "a" / "b" over the union of the two sets. */
    static double oneNearestNeighbourAccuracy(double[][] a, double[][] b) {
        double[][] all = new double[a.length + b.length][];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        int correct = 0;
        for (int i = 0; i < all.length; i++) {
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < all.length; j++) {
                if (j != i) {
                    double d = DriftField.squaredDistance(all[i], all[j]);
                    if (d < best) {
                        best = d;
                        nearest = j;
                    }
                }
            }
            if ((i < a.length) == (nearest < a.length)) {
                correct++;
            }
        }
        return (double) correct / all.length;
    }

    private static void requireFeatures(String name, double[][] features) {
        if (features == null || features.length == 0 || features[0].length == 0) {
            throw new IllegalArgumentException("FeatureSeparation: the " + name + " features are empty");
        }
        int width = features[0].length;
        if (Arrays.stream(features).anyMatch(f -> f.length != width)) {
            throw new IllegalArgumentException("FeatureSeparation: the " + name + " features have rows of different widths");
        }
    }
}

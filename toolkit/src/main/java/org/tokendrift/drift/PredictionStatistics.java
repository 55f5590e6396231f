package org.tokendrift.drift;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * How peaked and how varied the generator's predictions on the lifted positions are: the collapse
 * indicators of a TokenDrift run. The drift loss stays near {@code alpha^2/2} by construction (V is
 * RMS-normalised), so it cannot show that the generator has found a degenerate way to move the
 * pooled features, e.g. by putting its mass on one token at most positions.
 * <pre>
 *   meanEntropy = (1/|M|) sum_{r in M} -sum_v p_rv log p_rv          (nats)
 *   topShare    = max_v |{r in M : argmax p_r = v}| / |M|            (1/|M| .. 1)
 * </pre>
 * For a healthy masked-diffusion model topShare is the frequency of the commonest token (a few
 * per cent); a generator collapsing onto one token drives it towards 1.
 *
 * @param meanEntropy  mean entropy of p over the predicted positions, nats (NaN if there are none)
 * @param topShare     share of predicted positions whose argmax is the single most frequent argmax
 * @param topToken     that token id (-1 if there are no predicted positions)
 */
public record PredictionStatistics(double meanEntropy, double topShare, int topToken) {

    /** No predicted positions. */
    public static final PredictionStatistics NONE = new PredictionStatistics(Double.NaN, Double.NaN, -1);

    /** @param p probabilities on the predicted rows {@code [|M|, V]}, rows summing to one (null if |M| = 0) */
    public static PredictionStatistics of(INDArray p) {
        return p == null ? NONE : ofAll(List.of(p));
    }

    /** The statistics over the rows of several such matrices together (e.g. one per micro-batch). */
    public static PredictionStatistics ofAll(List<INDArray> parts) {
        Accumulator all = new Accumulator();
        parts.forEach(all::add);
        return all.result();
    }

    /** Adds up predicted rows batch by batch, so that no batch has to be kept for the end. */
    public static final class Accumulator {
        private int[] argmaxCounts;
        private double entropySum;
        private long rowCount;

        /** Adds the rows of {@code p} {@code [|M|, V]} (null or empty: nothing). */
        public void add(INDArray p) {
            if (p == null || p.rows() == 0) {
                return;
            }
            double[][] rows = p.toDoubleMatrix();
            if (argmaxCounts == null) {
                argmaxCounts = new int[rows[0].length];
            }
            for (double[] row : rows) {
                int best = 0;
                double entropy = 0;
                for (int v = 0; v < row.length; v++) {
                    double q = row[v];
                    if (q > 0) {
                        entropy -= q * Math.log(q);
                    }
                    if (q > row[best]) {
                        best = v;
                    }
                }
                entropySum += entropy;
                argmaxCounts[best]++;
            }
            rowCount += rows.length;
        }

        /** The statistics of every row added so far ({@link #NONE} if there were none). */
        public PredictionStatistics result() {
            if (rowCount == 0) {
                return NONE;
            }
            int top = 0;
            for (int v = 1; v < argmaxCounts.length; v++) {
                if (argmaxCounts[v] > argmaxCounts[top]) {
                    top = v;
                }
            }
            return new PredictionStatistics(entropySum / rowCount, (double) argmaxCounts[top] / rowCount, top);
        }
    }
}

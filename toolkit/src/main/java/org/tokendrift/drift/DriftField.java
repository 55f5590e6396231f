package org.tokendrift.drift;

/**
 * The TokenDrift drift field (Oba et al. 2026, §4 "Drift estimation"), built on the joint
 * normalisation of Deng et al. 2026 (Alg. 2, App. A.1). Everything is float64 on plain Java arrays:
 * the sets are small (N anchors &le; 64, P, M &le; ~1100 references, C &le; 1024), and a
 * whole-matrix ND4J version of the same algorithm (kept in the tests as a cross-check) was much
 * slower on the shared 2-core build machine (see {@code DriftFieldTimingTest}); the Java loops are
 * single-threaded and deterministic.
 *
 * <p>For each anchor h_i (row i), positive u_j and negative v_k, at temperature tau:
 * <pre>
 *   d+_ij = ||h_i - u_j||^2,  d-_ik = ||h_i - v_k||^2          (squared L2, TokenDrift §4;
 *                                                             plain L2 if squaredDistance = false)
 *   optional: d &lt;- d / mean(d)                              (Deng-style rescaling, off by default)
 *   s_i = [ -d+_i / tau ; -d-_i / tau ]   (length P + M; the self-masked entries are -infinity)
 *   A_row = softmax of s over the references (each row),
 *   A_col = softmax of s over the anchors    (each column, over the N anchors of this call;
 *                                             the paper does not say which anchor set [NF]: we
 *                                             use the micro-batch, i.e. TokenDrift's gathered 8),
 *   A     = sqrt(A_row * A_col),  split into A+ [N,P] and A- [N,M]
 *   W+_ij = A+_ij * sum_k A-_ik,   W-_ik = A-_ik * sum_j A+_ij        (cross-weighting)
 *   b+_i  = sum_j W+_ij u_j,        b-_i  = sum_k W-_ik v_k          (barycentres, §4)
 *   V_tau,i = w+ (b+_i - S_i h_i) - w- (b-_i - S_i h_i),   S_i = sum_j W+_ij = sum_k W-_ik
 * </pre>
 * Because both weight sets sum to the same S_i, the balanced field (w+ = w- = 1, the paper's
 * default) is exactly {@code V = b+ - b-} (the h terms cancel; we skip them so the result is
 * bit-exact). With unequal weights the h terms no longer cancel; we keep them so that each part is
 * a mean-shift <em>force</em> {@code V+ = sum_j W+_ij (u_j - h_i)} (pointing from h_i to the
 * positives) and {@code V- = sum_k W-_ik (v_k - h_i)}, as in Deng et al.'s "V+ - V-" ablation
 * (their Table 1). Hence 1:0 is pure attraction toward the positives and 0:1 pure repulsion.
 *
 * <p>Multi-temperature (§4): {@code V_i = (1/|T|) sum_tau V_tau,i / s(tau)},
 * {@code s(tau) = sqrt(mean_i ||V_tau,i||^2 + eps)}: an average (not Deng's sum) of fields each
 * normalised so that their mean squared norm over the anchors is 1.
 *
 * <p>Anti-symmetry (balanced weights): if the positive and negative sets are the same rows with the
 * same self-mask for every anchor, the columns of A+ and A- coincide, W+ = W- and V = 0 exactly;
 * swapping the two sets (and their masks) negates V. TokenDrift's mask on the negatives only is
 * not such a case: an anchor that is also among the positives is attracted to itself.
 */
public final class DriftField {

    /** Exponents below this give weights treated as 0 (see {@link #flushedExp}). */
    static final double FLUSH_BELOW = -700.0;

    /** Reference rows per cache block in the barycentre sums (32 x 512 doubles = 128 KiB). */
    static final int REFERENCE_BLOCK = 32;

    /** Cross-weights W below this are skipped in the barycentre sums. */
    static final double TINY_WEIGHT = 1e-290;

    private final DriftConfig config;

    public DriftField(DriftConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("DriftField: config must be non-null");
        }
        this.config = config;
    }

    public DriftConfig config() {
        return config;
    }

    /** Computes V for every anchor of {@code in}. */
    public DriftResult compute(DriftInputs in) {
        double[][] h = in.anchors();
        int n = h.length;
        int p = in.positives().length;
        int r = p + in.negatives().length;
        int dim = in.dim();
        double[][] refs = DriftInputs.concat(in.positives(), in.negatives());   // [positives ; negatives]

        // Squared distances, reference-major so that each reference row is read from memory once.
        // The reference sets (~2000 x 512 doubles) do not fit in cache; the anchors (N x C) do.
        double[][] dist = new double[n][r];
        for (int j = 0; j < r; j++) {
            double[] y = refs[j];
            for (int i = 0; i < n; i++) {
                dist[i][j] = squaredDistance(h[i], y);
            }
        }
        // Self-mask: the anchor's own entry becomes NaN here and weight exactly 0 below.
        for (int i = 0; i < n; i++) {
            int selfPos = in.selfInPositives(i);
            int selfNeg = in.selfInNegatives(i);
            if (selfPos != DriftInputs.NO_SELF) {
                dist[i][selfPos] = Double.NaN;
            }
            if (selfNeg != DriftInputs.NO_SELF) {
                dist[i][p + selfNeg] = Double.NaN;
            }
            int masked = (selfPos != DriftInputs.NO_SELF ? 1 : 0) + (selfNeg != DriftInputs.NO_SELF ? 1 : 0);
            if (masked == r) {
                throw new IllegalArgumentException("DriftField: anchor " + i
                        + " has no reference left after self-exclusion");
            }
        }
        double meanSqPos = meanIgnoringNaN(dist, 0, p);
        double meanSqNeg = meanIgnoringNaN(dist, p, r);

        if (!config.squaredDistance()) {
            for (double[] row : dist) {
                for (int j = 0; j < r; j++) {
                    row[j] = Math.sqrt(row[j]);
                }
            }
        }
        double scale = 1.0;
        if (config.distanceRescaling()) {
            double mean = meanIgnoringNaN(dist, 0, r);
            if (mean > 0) {   // mean 0: every reference coincides with its anchor, nothing to rescale
                scale = mean;
                for (double[] row : dist) {
                    for (int j = 0; j < r; j++) {
                        row[j] /= scale;
                    }
                }
            }
        }

        double[] temps = config.temperatures();
        int tCount = temps.length;
        double[][][] coefficient = new double[tCount][][];   // [T][N][R]: A+ * sum A-  |  A- * sum A+
        double[][] totalWeight = new double[tCount][];       // [T][N]: S_i = sum_j W+_ij = sum_k W-_ik
        for (int t = 0; t < tCount; t++) {
            totalWeight[t] = new double[n];
            coefficient[t] = crossWeights(dist, p, temps[t], totalWeight[t]);
        }

        // Barycentres b+ = W+ U and b- = W- H for all temperatures in one pass over the references.
        // Kept separate (not summed as W+U - W-H on the fly) so that identical sets give identical
        // bits in b+ and b-: the balanced field on identical sets is then exactly 0.
        double[][][] bPlus = new double[tCount][n][dim];
        double[][][] bMinus = new double[tCount][n][dim];
        // Blocked over the references: a block of rows stays in cache while every (tau, anchor)
        // accumulator consumes it; j still runs in ascending order for each accumulator.
        for (int start = 0; start < r; start += REFERENCE_BLOCK) {
            int end = Math.min(r, start + REFERENCE_BLOCK);
            for (int t = 0; t < tCount; t++) {
                for (int i = 0; i < n; i++) {
                    double[] w = coefficient[t][i];
                    double[] plus = bPlus[t][i];
                    double[] minus = bMinus[t][i];
                    for (int j = start; j < end; j++) {
                        axpy(w[j], refs[j], j < p ? plus : minus);
                    }
                }
            }
        }

        double wPlus = config.attractionWeight();
        double wMinus = config.repulsionWeight();
        double[][][] raw = new double[tCount][n][dim];
        double[] meanRawNorm = new double[tCount];
        double[] rms = new double[tCount];
        double[][] field = new double[n][dim];
        for (int t = 0; t < tCount; t++) {
            double sumSq = 0;
            double sumNorm = 0;
            for (int i = 0; i < n; i++) {
                // V = w+ (b+ - S h) - w- (b- - S h); the h terms cancel exactly when w+ = w-.
                double selfCoefficient = (wPlus - wMinus) * totalWeight[t][i];
                double[] v = raw[t][i];
                for (int c = 0; c < dim; c++) {
                    v[c] = wPlus * bPlus[t][i][c] - wMinus * bMinus[t][i][c];
                    if (selfCoefficient != 0) {
                        v[c] -= selfCoefficient * h[i][c];
                    }
                }
                double sq = dot(v, v);
                sumSq += sq;
                sumNorm += Math.sqrt(sq);
            }
            meanRawNorm[t] = sumNorm / n;
            rms[t] = Math.sqrt(sumSq / n + config.rmsEpsilon());
            // With eps = 0 at an exact equilibrium the field would be 0/0; it is 0 by anti-symmetry.
            double factor = rms[t] > 0 ? 1.0 / (rms[t] * tCount) : 0.0;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < dim; c++) {
                    field[i][c] += raw[t][i][c] * factor;
                }
            }
        }
        DriftDiagnostics diagnostics = new DriftDiagnostics(temps, meanRawNorm, rms, meanSqPos, meanSqNeg, scale);
        return new DriftResult(field, raw, diagnostics);
    }

    /**
     * Alg. 2 weights at one temperature from kernel distances (NaN = masked): returns the
     * coefficients {@code A+_ij * sum_k A-_ik} (j &lt; P) and {@code A-_ik * sum_j A+_ij} (j = P + k),
     * and stores {@code S_i = sum A+ * sum A-} in {@code totalWeight}.
     */
    private static double[][] crossWeights(double[][] dist, int p, double tau, double[] totalWeight) {
        int n = dist.length;
        int r = dist[0].length;
        double[][] logits = new double[n][r];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < r; j++) {
                double d = dist[i][j];
                logits[i][j] = Double.isNaN(d) ? Double.NEGATIVE_INFINITY : -d / tau;
            }
        }
        // sqrt(softmax_row * softmax_col) = exp(s_ij - (R_i + C_j) / 2) with R, C the row and column
        // log-sum-exps. The log domain keeps the product of two tiny softmax values from going
        // through subnormal numbers, which are ~100x slower on x86 and would dominate the run time.
        double[] rowLse = logSumExpOverReferences(logits);
        double[] colLse = logSumExpOverAnchors(logits);
        double[][] coefficient = logits;   // overwritten row by row
        for (int i = 0; i < n; i++) {
            double[] a = logits[i];
            for (int j = 0; j < r; j++) {
                a[j] = flushedExp(a[j] - 0.5 * (rowLse[i] + colLse[j]));
            }
            // Same summation order for both halves: identical sets give bit-identical sums.
            double sumAPos = 0;
            for (int j = 0; j < p; j++) {
                sumAPos += a[j];
            }
            double sumANeg = 0;
            for (int j = p; j < r; j++) {
                sumANeg += a[j];
            }
            for (int j = 0; j < p; j++) {
                a[j] *= sumANeg;
            }
            for (int j = p; j < r; j++) {
                a[j] *= sumAPos;
            }
            totalWeight[i] = sumAPos * sumANeg;
            coefficient[i] = a;
        }
        return coefficient;
    }

    /** log sum_j exp(s_ij) for each anchor i (every row has a finite entry, checked earlier). */
    static double[] logSumExpOverReferences(double[][] logits) {
        int n = logits.length;
        int r = logits[0].length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < r; j++) {
                max = Math.max(max, logits[i][j]);
            }
            double sum = 0;
            for (int j = 0; j < r; j++) {
                sum += flushedExp(logits[i][j] - max);
            }
            out[i] = max + Math.log(sum);
        }
        return out;
    }

    /**
     * log sum_i exp(s_ij) for each reference j. A column in which every anchor is masked gets
     * +infinity, so that its weights exp(s - (R + C)/2) are exactly 0 (it carries no weight).
     */
    static double[] logSumExpOverAnchors(double[][] logits) {
        int n = logits.length;
        int r = logits[0].length;
        double[] max = new double[r];
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] row : logits) {
            for (int j = 0; j < r; j++) {
                max[j] = Math.max(max[j], row[j]);
            }
        }
        double[] sum = new double[r];
        for (double[] row : logits) {
            for (int j = 0; j < r; j++) {
                sum[j] += flushedExp(row[j] - max[j]);
            }
        }
        double[] out = new double[r];
        for (int j = 0; j < r; j++) {
            out[j] = max[j] == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : max[j] + Math.log(sum[j]);
        }
        return out;
    }

    /**
     * exp(x), with results below e^-700 (about 1e-304) returned as exactly 0: such weights cannot
     * change a double-precision sum that also holds a weight near 1, and flushing them keeps all
     * arithmetic out of the slow subnormal range. A NaN argument (a masked column's -inf - -inf
     * cannot occur here; an anchor row always has a finite maximum) would propagate.
     */
    static double flushedExp(double x) {
        return x < FLUSH_BELOW ? 0.0 : Math.exp(x);
    }

    /**
     * ||a - b||^2 with four independent partial sums: a single running sum is a dependency chain
     * the JIT cannot vectorise (floating-point addition is not reassociated), four chains are ~3x
     * faster. The order is fixed, so the result is deterministic.
     */
    static double squaredDistance(double[] a, double[] b) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int c = 0;
        for (int end = a.length - 3; c < end; c += 4) {
            double d0 = a[c] - b[c];
            double d1 = a[c + 1] - b[c + 1];
            double d2 = a[c + 2] - b[c + 2];
            double d3 = a[c + 3] - b[c + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; c < a.length; c++) {
            double d = a[c] - b[c];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            s += a[c] * b[c];
        }
        return s;
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        // Weights this small contribute nothing representable next to any non-negligible term, and
        // skipping them keeps the products out of the subnormal range.
        if (Math.abs(alpha) < TINY_WEIGHT) {
            return;
        }
        for (int c = 0; c < x.length; c++) {
            y[c] += alpha * x[c];
        }
    }

    /** Mean of the non-NaN entries in columns [from, to); NaN if there are none. */
    private static double meanIgnoringNaN(double[][] m, int from, int to) {
        double sum = 0;
        long count = 0;
        for (double[] row : m) {
            for (int j = from; j < to; j++) {
                if (!Double.isNaN(row[j])) {
                    sum += row[j];
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}

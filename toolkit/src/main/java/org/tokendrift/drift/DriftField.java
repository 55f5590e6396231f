package org.tokendrift.drift;

/**
 * The TokenDrift drift field (Oba et al. 2026, §4 "Drift estimation"), built on the joint
 * normalisation of Deng et al. 2026 (Alg. 2, App. A.1). Everything is float64 on plain Java arrays:
 * the sets are small (N anchors &le; 64, P, M &le; ~1100 references, C &le; 1024) and plain loops
 * were measured to be as fast as ND4J here (see {@code DriftFieldTimingTest}) while staying
 * deterministic and easy to read.
 *
 * <p>For each anchor h_i (row i), positive u_j and negative v_k, at temperature tau:
 * <pre>
 *   d+_ij = ||h_i - u_j||^2,  d-_ik = ||h_i - v_k||^2          (squared L2, TokenDrift §4;
 *                                                             plain L2 if squaredDistance = false)
 *   optional: d &lt;- d / mean(d)                              (Deng-style rescaling, off by default)
 *   s_i = [ -d+_i / tau ; -d-_i / tau ]   (length P + M; the self-masked entries are -infinity)
 *   A_row = softmax of s over the references (each row),
 *   A_col = softmax of s over the anchors    (each column, over the N anchors of this call),
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
 * <p>Anti-symmetry: if anchor i sees the same set (with the same mask) as positives and as
 * negatives, then A+ = A-, W+ = W- and V_i = 0 exactly; swapping the two sets negates V.
 */
public final class DriftField {

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
        double[][] pos = in.positives();
        double[][] neg = in.negatives();
        int n = h.length;
        int p = pos.length;
        int m = neg.length;
        int r = p + m;
        int dim = in.dim();

        // Kernel distances to the concatenated references [positives ; negatives]; masked entries
        // (an anchor's own entry) are NaN here and become weight exactly 0 below.
        double[][] dist = new double[n][r];
        double sumPos = 0;
        long countPos = 0;
        double sumNeg = 0;
        long countNeg = 0;
        for (int i = 0; i < n; i++) {
            int selfPos = in.selfInPositives(i);
            int selfNeg = in.selfInNegatives(i);
            int available = 0;
            for (int j = 0; j < r; j++) {
                boolean isPositive = j < p;
                int row = isPositive ? j : j - p;
                if (row == (isPositive ? selfPos : selfNeg)) {
                    dist[i][j] = Double.NaN;
                    continue;
                }
                double d2 = squaredDistance(h[i], isPositive ? pos[row] : neg[row]);
                if (isPositive) {
                    sumPos += d2;
                    countPos++;
                } else {
                    sumNeg += d2;
                    countNeg++;
                }
                dist[i][j] = config.squaredDistance() ? d2 : Math.sqrt(d2);
                available++;
            }
            if (available == 0) {
                throw new IllegalArgumentException("DriftField: anchor " + i
                        + " has no reference left after self-exclusion");
            }
        }

        double scale = 1.0;
        if (config.distanceRescaling()) {
            scale = meanIgnoringNaN(dist);
            if (scale > 0) {
                for (double[] row : dist) {
                    for (int j = 0; j < r; j++) {
                        row[j] /= scale;
                    }
                }
            } else {
                scale = 1.0; // all references coincide with the anchors: nothing to rescale
            }
        }

        double[] temps = config.temperatures();
        int tCount = temps.length;
        double[][][] raw = new double[tCount][][];
        double[] meanRawNorm = new double[tCount];
        double[] rms = new double[tCount];
        double[][] field = new double[n][dim];
        for (int t = 0; t < tCount; t++) {
            raw[t] = fieldAtTemperature(h, pos, neg, dist, temps[t]);
            double sumSq = 0;
            double sumNorm = 0;
            for (double[] v : raw[t]) {
                double sq = dot(v, v);
                sumSq += sq;
                sumNorm += Math.sqrt(sq);
            }
            meanRawNorm[t] = sumNorm / n;
            rms[t] = Math.sqrt(sumSq / n + config.rmsEpsilon());
            // With eps = 0 and an exact equilibrium the field is 0/0; it is 0 by anti-symmetry.
            double factor = rms[t] > 0 ? 1.0 / (rms[t] * tCount) : 0.0;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < dim; c++) {
                    field[i][c] += raw[t][i][c] * factor;
                }
            }
        }
        DriftDiagnostics diagnostics = new DriftDiagnostics(temps, meanRawNorm, rms,
                countPos > 0 ? sumPos / countPos : Double.NaN, countNeg > 0 ? sumNeg / countNeg : Double.NaN, scale);
        return new DriftResult(field, raw, diagnostics);
    }

    /** Alg. 2 at one temperature, on precomputed kernel distances (NaN = masked). */
    private double[][] fieldAtTemperature(double[][] h, double[][] pos, double[][] neg, double[][] dist, double tau) {
        int n = h.length;
        int p = pos.length;
        int r = dist[0].length;
        int dim = h[0].length;

        double[][] logits = new double[n][r];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < r; j++) {
                double d = dist[i][j];
                logits[i][j] = Double.isNaN(d) ? Double.NEGATIVE_INFINITY : -d / tau;
            }
        }
        double[][] rowSoftmax = softmaxOverReferences(logits);
        double[][] colSoftmax = softmaxOverAnchors(logits);

        double wPlus = config.attractionWeight();
        double wMinus = config.repulsionWeight();
        double[][] v = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] a = new double[r];
            double sumAPos = 0;
            double sumANeg = 0;
            for (int j = 0; j < r; j++) {
                a[j] = Math.sqrt(rowSoftmax[i][j] * colSoftmax[i][j]);
            }
            // Separate loops with the same summation order for both halves: when the positive and
            // negative sets coincide this makes sum A+ and sum A- bit-identical.
            for (int j = 0; j < p; j++) {
                sumAPos += a[j];
            }
            for (int j = p; j < r; j++) {
                sumANeg += a[j];
            }
            double[] bPlus = new double[dim];
            double[] bMinus = new double[dim];
            for (int j = 0; j < p; j++) {
                axpy(a[j] * sumANeg, pos[j], bPlus);
            }
            for (int j = p; j < r; j++) {
                axpy(a[j] * sumAPos, neg[j - p], bMinus);
            }
            double totalWeight = sumAPos * sumANeg; // = sum_j W+_ij = sum_k W-_ik
            double selfCoefficient = (wPlus - wMinus) * totalWeight;
            double[] vi = new double[dim];
            for (int c = 0; c < dim; c++) {
                vi[c] = wPlus * bPlus[c] - wMinus * bMinus[c];
            }
            if (selfCoefficient != 0) {
                for (int c = 0; c < dim; c++) {
                    vi[c] -= selfCoefficient * h[i][c];
                }
            }
            v[i] = vi;
        }
        return v;
    }

    /** Softmax of each row; -infinity entries get exactly 0. */
    static double[][] softmaxOverReferences(double[][] logits) {
        int n = logits.length;
        int r = logits[0].length;
        double[][] out = new double[n][r];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < r; j++) {
                max = Math.max(max, logits[i][j]);
            }
            double sum = 0;
            for (int j = 0; j < r; j++) {
                double e = Math.exp(logits[i][j] - max);
                out[i][j] = e;
                sum += e;
            }
            for (int j = 0; j < r; j++) {
                out[i][j] /= sum;
            }
        }
        return out;
    }

    /**
     * Softmax of each column over the anchors; -infinity entries get exactly 0, and a column in
     * which every anchor is masked gets all zeros (it carries no weight for anyone).
     */
    static double[][] softmaxOverAnchors(double[][] logits) {
        int n = logits.length;
        int r = logits[0].length;
        double[][] out = new double[n][r];
        for (int j = 0; j < r; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, logits[i][j]);
            }
            if (max == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double e = Math.exp(logits[i][j] - max);
                out[i][j] = e;
                sum += e;
            }
            for (int i = 0; i < n; i++) {
                out[i][j] /= sum;
            }
        }
        return out;
    }

    static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            double d = a[c] - b[c];
            s += d * d;
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            s += a[c] * b[c];
        }
        return s;
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        if (alpha == 0) {
            return;
        }
        for (int c = 0; c < x.length; c++) {
            y[c] += alpha * x[c];
        }
    }

    private static double meanIgnoringNaN(double[][] m) {
        double sum = 0;
        long count = 0;
        for (double[] row : m) {
            for (double x : row) {
                if (!Double.isNaN(x)) {
                    sum += x;
                    count++;
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }
}

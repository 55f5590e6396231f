package org.tokendrift.drift;

import java.util.Arrays;

/**
 * The three point sets a {@link DriftField} works on, plus where each anchor's own entry sits in
 * the reference sets so that it can be excluded (the "self-mask").
 *
 * <p>TokenDrift (§4, Alg. 1 line 7): anchors are the current generated features h (detached),
 * positives U = current clean features u (each anchor's paired u_i included) followed by the real
 * queue, negatives H = current generated features followed by the generated queue, with the
 * anchor's own entry removed: {@code H \ {h_i}}. Use {@link #tokenDrift} to build exactly that.
 *
 * <p>Self-mask convention: {@code anchorInNegatives[i] = k} means negative row k is anchor i
 * itself and gets weight exactly 0 for anchor i (Deng et al. Alg. 2 adds 1e6 to that distance; we
 * use a logit of minus infinity, which gives an exact 0). {@link #NO_SELF} (-1) means anchor i has
 * no entry there. {@code anchorInPositives} is the same for the positive set; TokenDrift never
 * uses it (it is {@code null}), but it allows the symmetric construction in which positives and
 * negatives are the same set with the same mask, where anti-symmetry makes V exactly 0.
 *
 * <p>All matrices are row-per-point {@code double[rows][C]}; they are not copied, callers must not
 * mutate them while a computation is running.
 */
public record DriftInputs(double[][] anchors, double[][] positives, double[][] negatives,
                          int[] anchorInNegatives, int[] anchorInPositives) {

    /** Marker for "this anchor has no entry in that reference set". */
    public static final int NO_SELF = -1;

    public DriftInputs {
        if (anchors == null || positives == null || negatives == null) {
            throw new IllegalArgumentException("DriftInputs: anchors, positives and negatives must be non-null");
        }
        if (anchors.length == 0) {
            throw new IllegalArgumentException("DriftInputs: at least one anchor is required");
        }
        if (positives.length == 0) {
            throw new IllegalArgumentException("DriftInputs: at least one positive is required");
        }
        int c = anchors[0].length;
        if (c == 0) {
            throw new IllegalArgumentException("DriftInputs: features must have at least one dimension");
        }
        checkMatrix("anchors", anchors, c);
        checkMatrix("positives", positives, c);
        checkMatrix("negatives", negatives, c);
        checkSelfIndex("anchorInNegatives", anchorInNegatives, anchors.length, negatives.length);
        checkSelfIndex("anchorInPositives", anchorInPositives, anchors.length, positives.length);
    }

    /**
     * TokenDrift's reference sets: negatives = [anchors ; queuedGenerated] with anchor i masked
     * out of its own negatives (row i), positives = [currentReal ; queuedReal] unmasked.
     *
     * @param anchors          current generated features h, {@code [N][C]}
     * @param currentReal      current clean features u (paired with the anchors), {@code [N'][C]}
     * @param queuedReal       real queue snapshot, {@code [Qr][C]} (may be empty)
     * @param queuedGenerated  generated queue snapshot, {@code [Qg][C]} (may be empty)
     * @param selfExclusion    [P] true; false keeps h_i among its own negatives (ablation only)
     */
    public static DriftInputs tokenDrift(double[][] anchors, double[][] currentReal, double[][] queuedReal,
                                         double[][] queuedGenerated, boolean selfExclusion) {
        double[][] positives = concat(currentReal, queuedReal);
        double[][] negatives = concat(anchors, queuedGenerated);
        int[] self = new int[anchors.length];
        for (int i = 0; i < self.length; i++) {
            self[i] = selfExclusion ? i : NO_SELF;
        }
        return new DriftInputs(anchors, positives, negatives, self, null);
    }

    public int numAnchors() {
        return anchors.length;
    }

    public int dim() {
        return anchors[0].length;
    }

    /** Row index of anchor i's own entry among the negatives, or {@link #NO_SELF}. */
    public int selfInNegatives(int i) {
        return anchorInNegatives == null ? NO_SELF : anchorInNegatives[i];
    }

    /** Row index of anchor i's own entry among the positives, or {@link #NO_SELF}. */
    public int selfInPositives(int i) {
        return anchorInPositives == null ? NO_SELF : anchorInPositives[i];
    }

    static double[][] concat(double[][] first, double[][] second) {
        double[][] out = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }

    private static void checkMatrix(String name, double[][] m, int dim) {
        for (int r = 0; r < m.length; r++) {
            if (m[r] == null || m[r].length != dim) {
                throw new IllegalArgumentException("DriftInputs: " + name + " row " + r + " has "
                        + (m[r] == null ? "no data" : m[r].length + " columns") + ", expected " + dim
                        + " (the anchors' feature dimension)");
            }
            for (int c = 0; c < dim; c++) {
                if (!Double.isFinite(m[r][c])) {
                    throw new IllegalArgumentException("DriftInputs: " + name + "[" + r + "][" + c + "] is "
                            + m[r][c] + "; features must be finite");
                }
            }
        }
    }

    private static void checkSelfIndex(String name, int[] index, int anchors, int rows) {
        if (index == null) {
            return;
        }
        if (index.length != anchors) {
            throw new IllegalArgumentException("DriftInputs: " + name + " has length " + index.length
                    + ", expected one entry per anchor (" + anchors + ")");
        }
        for (int i = 0; i < index.length; i++) {
            if (index[i] != NO_SELF && (index[i] < 0 || index[i] >= rows)) {
                throw new IllegalArgumentException("DriftInputs: " + name + "[" + i + "] = " + index[i]
                        + " is outside the reference set of " + rows + " rows (use NO_SELF = -1 for none)");
            }
        }
    }
}

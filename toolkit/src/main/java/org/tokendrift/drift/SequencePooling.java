package org.tokendrift.drift;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One feature vector per sequence from the frozen encoder's hidden states (TokenDrift App. F):
 * <pre>
 *   z_b = [ (1/L) sum_l H^(L-1)_{b,l} ; (1/L) sum_l H^(L)_{b,l} ]   in R^{2d}
 *   h_b = z_b / max(||z_b||, 1e-12)                                  (L2 normalisation)
 * </pre>
 * Backward from dh {@code [B, 2d]}:
 * {@code dz = (dh - h <h, dh>) / ||z||} (the normalisation's Jacobian, a projection orthogonal to
 * h), then every position of sequence b receives {@code dz_b / L} (the mean's Jacobian), split into
 * dPenultimate and dLast. Input hidden states are {@code [B*L, d]}, rows {@code b*L + l}
 * (DESIGN.md); pooling and the features are float64 (they feed the float64 drift field), the
 * returned hidden-state gradients take the hidden states' data type.
 *
 * <p>All L positions are averaged (the paper's (1/T) sum_t); there is no padding mask.
 */
public final class SequencePooling {

    /** Lower bound on ||z|| as in torch.nn.functional.normalize (only reached by degenerate input). */
    static final double NORM_FLOOR = 1e-12;

    private final PooledLayers layers;
    private final boolean l2Normalize;

    /**
     * @param layers       [P] PENULTIMATE_AND_LAST
     * @param l2Normalize  [P] true
     */
    public SequencePooling(PooledLayers layers, boolean l2Normalize) {
        this.layers = layers;
        this.l2Normalize = l2Normalize;
    }

    /** Feature dimension for hidden width d: 2d or d. */
    public int featureDim(int hiddenWidth) {
        return layers == PooledLayers.PENULTIMATE_AND_LAST ? 2 * hiddenWidth : hiddenWidth;
    }

    /**
     * @param penultimate  H^(L-1) {@code [B*L, d]} (ignored, may be null, for {@link PooledLayers#LAST})
     * @param last         H^(L) {@code [B*L, d]}
     * @param batch        B
     */
    public Pooled pool(INDArray penultimate, INDArray last, int batch) {
        boolean both = layers == PooledLayers.PENULTIMATE_AND_LAST;
        if (last == null || last.rank() != 2) {
            throw new IllegalArgumentException("SequencePooling: last hidden states must be a [B*L, d] matrix");
        }
        checkHidden("last", last, batch, last.columns());
        if (both) {
            checkHidden("penultimate", penultimate, batch, last.columns());
        }
        int seqLen = (int) (last.rows() / batch);
        int d = (int) last.columns();
        int width = featureDim(d);
        double[][] z = new double[batch][width];
        if (both) {
            addSequenceMeans(penultimate.toDoubleMatrix(), seqLen, z, 0);
        }
        addSequenceMeans(last.toDoubleMatrix(), seqLen, z, both ? d : 0);

        double[] scale = new double[batch];   // the divisor applied to z_b
        boolean[] clipped = new boolean[batch];
        double[][] h = new double[batch][width];
        for (int b = 0; b < batch; b++) {
            double norm = Math.sqrt(dot(z[b], z[b]));
            clipped[b] = l2Normalize && norm < NORM_FLOOR;
            scale[b] = !l2Normalize ? 1.0 : Math.max(norm, NORM_FLOOR);
            for (int c = 0; c < width; c++) {
                h[b][c] = z[b][c] / scale[b];
            }
        }
        return new Pooled(h, scale, clipped, l2Normalize, seqLen, d, last.dataType(), both);
    }

    private static void addSequenceMeans(double[][] hidden, int seqLen, double[][] z, int offset) {
        for (int r = 0; r < hidden.length; r++) {
            double[] target = z[r / seqLen];
            double[] row = hidden[r];
            for (int c = 0; c < row.length; c++) {
                target[offset + c] += row[c] / seqLen;
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            s += a[c] * b[c];
        }
        return s;
    }

    private static void checkHidden(String name, INDArray hidden, int batch, long d) {
        if (hidden == null || hidden.rank() != 2) {
            throw new IllegalArgumentException("SequencePooling: " + name + " hidden states must be a [B*L, d] matrix");
        }
        if (batch <= 0 || hidden.rows() % batch != 0 || hidden.rows() == 0) {
            throw new IllegalArgumentException("SequencePooling: " + name + " has " + hidden.rows()
                    + " rows, not a positive multiple of the batch size " + batch);
        }
        if (hidden.columns() != d) {
            throw new IllegalArgumentException("SequencePooling: " + name + " has " + hidden.columns()
                    + " columns, the last hidden state has " + d);
        }
    }

    /** Gradients with respect to the two hidden-state tensors; dPenultimate is null for LAST. */
    public record HiddenGradients(INDArray dPenultimate, INDArray dLast) {
    }

    /** The pooled features and what the backward pass needs. */
    public static final class Pooled {
        private final double[][] features;
        private final double[] scale;
        private final boolean[] clipped;
        private final boolean normalized;
        private final int seqLen;
        private final int d;
        private final DataType dtype;
        private final boolean both;

        private Pooled(double[][] features, double[] scale, boolean[] clipped, boolean normalized, int seqLen,
                       int d, DataType dtype, boolean both) {
            this.features = features;
            this.scale = scale;
            this.clipped = clipped;
            this.normalized = normalized;
            this.seqLen = seqLen;
            this.d = d;
            this.dtype = dtype;
            this.both = both;
        }

        /** h {@code [B][2d]} (or {@code [B][d]} for LAST); callers must not modify it. */
        public double[][] features() {
            return features;
        }

        public int batch() {
            return features.length;
        }

        /** Backward from dh {@code [B][width]} to the hidden states {@code [B*L, d]}. */
        public HiddenGradients backward(double[][] dFeatures) {
            int batch = features.length;
            int width = both ? 2 * d : d;
            if (dFeatures == null || dFeatures.length != batch) {
                throw new IllegalArgumentException("SequencePooling.backward: got "
                        + (dFeatures == null ? "no" : dFeatures.length) + " gradient rows for a batch of " + batch);
            }
            double[][] dPen = both ? new double[batch * seqLen][d] : null;
            double[][] dLast = new double[batch * seqLen][d];
            double[] dz = new double[width];
            for (int b = 0; b < batch; b++) {
                double[] dh = dFeatures[b];
                if (dh.length != width) {
                    throw new IllegalArgumentException("SequencePooling.backward: gradient row " + b + " has "
                            + dh.length + " columns, expected " + width);
                }
                // Through h = z / s: the projection for ||z|| above the floor, a plain 1/s otherwise.
                double proj = normalized && !clipped[b] ? dot(features[b], dh) : 0.0;
                for (int c = 0; c < width; c++) {
                    dz[c] = (dh[c] - features[b][c] * proj) / scale[b];
                }
                // Through the mean over the L positions.
                for (int l = 0; l < seqLen; l++) {
                    int row = b * seqLen + l;
                    for (int c = 0; c < d; c++) {
                        if (both) {
                            dPen[row][c] = dz[c] / seqLen;
                            dLast[row][c] = dz[d + c] / seqLen;
                        } else {
                            dLast[row][c] = dz[c] / seqLen;
                        }
                    }
                }
            }
            return new HiddenGradients(both ? Nd4j.createFromArray(dPen).castTo(dtype) : null,
                    Nd4j.createFromArray(dLast).castTo(dtype));
        }
    }
}

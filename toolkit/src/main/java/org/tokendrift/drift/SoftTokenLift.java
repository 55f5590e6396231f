package org.tokendrift.drift;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The soft-token lift of TokenDrift (Oba et al. 2026, §4 "Soft-token lift", Prop. C.1): the bridge
 * from the generator's per-position categoricals to the frozen encoder's input embeddings.
 * <pre>
 *   p_t   = softmax(l_t)                      (excluded class, e.g. the MDLM mask id: p = 0)
 *   e~_t  = p_t E          if t is a predicted position (MDLM: masked, DUO: all)
 *   e~_t  = E[x_bar_t]     otherwise
 * </pre>
 * E {@code [V, d]} is the <em>frozen</em> encoder's input embedding matrix. Backward, for a given
 * {@code dE~ [B*L, d]}: with {@code g_t = dE~_t E^T},
 * {@code dl_t = p_t * (g_t - <p_t, g_t>)} (softmax Jacobian) on predicted rows, 0 elsewhere.
 *
 * <p>Straight-through variant (§5, Table 3): {@code y^ST = onehot(argmax p) - sg(p) + p}; its value
 * is the one-hot, so the forward embedding is exactly {@code E[argmax p]}, while its derivative is
 * that of p, so the backward is the same as for SOFT. Ties in the argmax go to the lowest id.
 *
 * <p>Layout follows DESIGN.md: rows {@code b*L + l}. Arithmetic runs in the logits' data type
 * (float32 in training, float64 in gradient checks); E is cast to it. The excluded class follows
 * MDLM's SUBS parameterisation: its logit is treated as minus infinity whatever the network output,
 * so a predicted mask never leaks E[mask] into the soft embedding. {@link LiftExclusion} can exclude
 * more classes, some only after position 0 ({@code [BOS]} in our corpus layout).
 */
public final class SoftTokenLift {

    /** Value of {@code excludedTokenId} meaning "no class is excluded". */
    public static final int NO_EXCLUDED_TOKEN = -1;

    private final INDArray embeddingMatrix;
    private final LiftMode mode;
    private final LiftExclusion exclusion;

    /**
     * @param embeddingMatrix  frozen E {@code [V, d]}; never modified
     * @param mode             SOFT ([P] default) or STRAIGHT_THROUGH (ablation)
     * @param excludedTokenId  class with probability 0 (MDLM mask id) or {@link #NO_EXCLUDED_TOKEN}
     */
    public SoftTokenLift(INDArray embeddingMatrix, LiftMode mode, int excludedTokenId) {
        this(embeddingMatrix, mode, LiftExclusion.only(excludedTokenId));
    }

    /**
     * @param embeddingMatrix  frozen E {@code [V, d]}; never modified
     * @param mode             SOFT ([P] default) or STRAIGHT_THROUGH (ablation)
     * @param exclusion        classes with probability 0
     */
    public SoftTokenLift(INDArray embeddingMatrix, LiftMode mode, LiftExclusion exclusion) {
        if (embeddingMatrix == null || embeddingMatrix.rank() != 2) {
            throw new IllegalArgumentException("SoftTokenLift: embedding matrix must be a [V, d] matrix");
        }
        exclusion.check(embeddingMatrix.rows());
        this.embeddingMatrix = embeddingMatrix;
        this.mode = mode;
        this.exclusion = exclusion;
    }

    public LiftMode mode() {
        return mode;
    }

    /**
     * @param logits     generator logits {@code [B*L, V]}
     * @param tokens     corrupted input x_bar {@code [B][L]} (used on the non-predicted rows)
     * @param predicted  predicted positions {@code [B][L]} (see {@link PredictedPositions})
     */
    public Lifted lift(INDArray logits, int[][] tokens, boolean[][] predicted) {
        int vocab = (int) embeddingMatrix.rows();
        int rows = checkShapes(logits, tokens, predicted, vocab);
        DataType dtype = logits.dataType();
        INDArray e = embeddingMatrix.dataType() == dtype ? embeddingMatrix : embeddingMatrix.castTo(dtype);

        int seqLen = tokens[0].length;
        int[] hardIds = new int[rows];
        int predictedCount = 0;
        for (int r = 0; r < rows; r++) {
            int id = tokens[r / seqLen][r % seqLen];
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("SoftTokenLift: token id " + id + " at row " + r
                        + " is outside the vocabulary of " + vocab);
            }
            hardIds[r] = id;
            if (predicted[r / seqLen][r % seqLen]) {
                predictedCount++;
            }
        }
        int[] predictedRows = new int[predictedCount];
        for (int r = 0, k = 0; r < rows; r++) {
            if (predicted[r / seqLen][r % seqLen]) {
                predictedRows[k++] = r;
            }
        }

        INDArray embeddings = Nd4j.pullRows(e, 1, hardIds);          // E[x_bar] on every row
        INDArray probs = null;
        if (predictedCount > 0) {
            probs = softmaxRows(Nd4j.pullRows(logits, 1, predictedRows), predictedRows, seqLen);
            INDArray lifted = mode == LiftMode.SOFT
                    ? probs.mmul(e)
                    : Nd4j.pullRows(e, 1, argmaxRows(probs));         // value of y^ST is the one-hot
            for (int k = 0; k < predictedCount; k++) {
                embeddings.putRow(predictedRows[k], lifted.getRow(k));
            }
        }
        return new Lifted(embeddings, probs, predictedRows, rows, e);
    }

    /** Row softmax with the excluded classes forced to probability 0 ({@code logitRows} is a copy). */
    private INDArray softmaxRows(INDArray logitRows, int[] rows, int seqLen) {
        for (int id : exclusion.everywhere()) {
            logitRows.getColumn(id).assign(Double.NEGATIVE_INFINITY);
        }
        for (int id : exclusion.afterFirstPosition()) {
            // Keep the logit on first-position rows: set the whole column, then put those back.
            double[] kept = new double[rows.length];
            for (int k = 0; k < rows.length; k++) {
                kept[k] = logitRows.getDouble(k, id);
            }
            logitRows.getColumn(id).assign(Double.NEGATIVE_INFINITY);
            for (int k = 0; k < rows.length; k++) {
                if (rows[k] % seqLen == 0) {
                    logitRows.putScalar(k, id, kept[k]);
                }
            }
        }
        INDArray max = logitRows.max(true, 1);
        INDArray p = Transforms.exp(logitRows.subiColumnVector(max), false);
        p.diviColumnVector(p.sum(true, 1));
        if (Double.isNaN(p.sumNumber().doubleValue())) {
            throw new IllegalArgumentException("SoftTokenLift: softmax of the logits is NaN; a predicted row has"
                    + " a NaN/infinite logit or no finite logit outside the excluded class");
        }
        return p;
    }

    private static int[] argmaxRows(INDArray p) {
        double[][] m = p.toDoubleMatrix();
        int[] out = new int[m.length];
        for (int r = 0; r < m.length; r++) {
            int best = 0;
            for (int v = 1; v < m[r].length; v++) {
                if (m[r][v] > m[r][best]) {
                    best = v;
                }
            }
            out[r] = best;
        }
        return out;
    }

    private static int checkShapes(INDArray logits, int[][] tokens, boolean[][] predicted, int vocab) {
        if (logits == null || logits.rank() != 2 || logits.columns() != vocab) {
            throw new IllegalArgumentException("SoftTokenLift: logits must be [B*L, " + vocab + "], got "
                    + (logits == null ? "null" : java.util.Arrays.toString(logits.shape())));
        }
        if (!logits.dataType().isFPType()) {
            throw new IllegalArgumentException("SoftTokenLift: logits must be floating point, got " + logits.dataType());
        }
        if (tokens == null || tokens.length == 0 || predicted == null || predicted.length != tokens.length) {
            throw new IllegalArgumentException("SoftTokenLift: tokens and predicted mask must both be [B][L] with B > 0");
        }
        int seqLen = tokens[0].length;
        for (int b = 0; b < tokens.length; b++) {
            if (tokens[b].length != seqLen || predicted[b].length != seqLen) {
                throw new IllegalArgumentException("SoftTokenLift: sequence " + b + " has " + tokens[b].length
                        + " tokens and " + predicted[b].length + " mask entries, expected " + seqLen);
            }
        }
        long rows = (long) tokens.length * seqLen;
        if (logits.rows() != rows) {
            throw new IllegalArgumentException("SoftTokenLift: logits have " + logits.rows() + " rows but tokens give B*L = "
                    + tokens.length + "*" + seqLen + " = " + rows);
        }
        return (int) rows;
    }

    /** The encoder input and what the backward pass needs. */
    public static final class Lifted {
        private final INDArray embeddings;
        private final INDArray probs;
        private final int[] predictedRows;
        private final int rows;
        private final INDArray e;

        private Lifted(INDArray embeddings, INDArray probs, int[] predictedRows, int rows, INDArray e) {
            this.embeddings = embeddings;
            this.probs = probs;
            this.predictedRows = predictedRows;
            this.rows = rows;
            this.e = e;
        }

        /** Encoder input e~ {@code [B*L, d]}, in the logits' data type. */
        public INDArray embeddings() {
            return embeddings;
        }

        /** p on the predicted rows, {@code [|M|, V]} in the order of {@link #predictedRows()} (null if none). */
        public INDArray predictedProbabilities() {
            return probs;
        }

        /** Row indices (b*L + l) of the predicted positions, ascending. */
        public int[] predictedRows() {
            return predictedRows.clone();
        }

        /**
         * dLogits {@code [B*L, V]} from dE~ {@code [B*L, d]}: softmax Jacobian applied to
         * {@code dE~ E^T} on predicted rows, zero on the others (and on the excluded class).
         */
        public INDArray backward(INDArray dEmbeddings) {
            long vocab = e.rows();
            if (dEmbeddings == null || dEmbeddings.rank() != 2 || dEmbeddings.rows() != rows
                    || dEmbeddings.columns() != e.columns()) {
                throw new IllegalArgumentException("SoftTokenLift.backward: dEmbeddings must be [" + rows + ", "
                        + e.columns() + "], got " + (dEmbeddings == null ? "null" : java.util.Arrays.toString(dEmbeddings.shape())));
            }
            DataType dtype = e.dataType();
            INDArray dLogits = Nd4j.zeros(dtype, rows, vocab);
            if (predictedRows.length == 0) {
                return dLogits;
            }
            INDArray d = dEmbeddings.dataType() == dtype ? dEmbeddings : dEmbeddings.castTo(dtype);
            INDArray g = Nd4j.pullRows(d, 1, predictedRows).mmul(e.transpose());    // [|M|, V]
            INDArray pg = probs.mul(g);
            INDArray dl = pg.subi(probs.mulColumnVector(pg.sum(true, 1)));          // p*(g - <p,g>)
            for (int k = 0; k < predictedRows.length; k++) {
                dLogits.putRow(predictedRows[k], dl.getRow(k));
            }
            return dLogits;
        }
    }
}

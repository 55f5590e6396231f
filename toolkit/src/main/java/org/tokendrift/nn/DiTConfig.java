package org.tokendrift.nn;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Size and behaviour of a {@link DiT} denoiser.
 *
 * @param vocabSize        V, rows of the token embedding and width of the logits
 * @param seqLen           L, the fixed sequence length (RoPE tables are built for it)
 * @param width            d, the hidden width; must be divisible by {@code heads}
 * @param layers           number of adaLN-zero transformer blocks
 * @param heads            attention heads; the head dimension d/heads must be even (RoPE rotates halves)
 * @param condDim          width of the conditioning vector c produced by the timestep MLP
 * @param mlpRatio         the MLP hidden width is {@code mlpRatio * width}
 * @param dropout          dropout probability on branch outputs before gating (training passes only)
 * @param timeConditioning whether the model is given a noise level sigma; when false callers pass
 *                         {@code sigma == null} and the network sees sigma = 0
 * @param causal           causal (left-to-right) attention instead of bidirectional, for judge LMs
 * @param dtype            {@link DataType#FLOAT} for training, {@link DataType#DOUBLE} for gradient checks
 */
public record DiTConfig(int vocabSize, int seqLen, int width, int layers, int heads, int condDim,
                        int mlpRatio, double dropout, boolean timeConditioning, boolean causal,
                        DataType dtype) {

    public DiTConfig {
        requirePositive("vocabSize", vocabSize);
        requirePositive("seqLen", seqLen);
        requirePositive("width", width);
        requirePositive("layers", layers);
        requirePositive("heads", heads);
        requirePositive("condDim", condDim);
        requirePositive("mlpRatio", mlpRatio);
        if (width % heads != 0) {
            throw new IllegalArgumentException("width " + width + " is not divisible by heads " + heads);
        }
        if ((width / heads) % 2 != 0) {
            throw new IllegalArgumentException("head dimension width/heads = " + (width / heads)
                    + " must be even for rotary embeddings");
        }
        if (!(dropout >= 0.0 && dropout < 1.0)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (dtype != DataType.FLOAT && dtype != DataType.DOUBLE) {
            throw new IllegalArgumentException("dtype must be FLOAT or DOUBLE, got " + dtype);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** Head dimension d/heads. */
    public int headDim() {
        return width / heads;
    }

    /** Hidden width of the MLP. */
    public int mlpWidth() {
        return mlpRatio * width;
    }

    /** The same configuration with another element type (e.g. DOUBLE for gradient checks). */
    public DiTConfig withDtype(DataType newDtype) {
        return new DiTConfig(vocabSize, seqLen, width, layers, heads, condDim, mlpRatio, dropout,
                timeConditioning, causal, newDtype);
    }

    /** The same configuration with another dropout probability. */
    public DiTConfig withDropout(double newDropout) {
        return new DiTConfig(vocabSize, seqLen, width, layers, heads, condDim, mlpRatio, newDropout,
                timeConditioning, causal, dtype);
    }

    /** A builder preset to the default toolkit scale (V 4096, L 128, d 256, 4 layers, 4 heads). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the toolkit's default scale; every field can be overridden. */
    public static final class Builder {
        private int vocabSize = 4096;
        private int seqLen = 128;
        private int width = 256;
        private int layers = 4;
        private int heads = 4;
        private int condDim = 128;
        private int mlpRatio = 4;
        private double dropout = 0.1;
        private boolean timeConditioning = false;
        private boolean causal = false;
        private DataType dtype = DataType.FLOAT;

        private Builder() {
        }

        public Builder vocabSize(int v) { this.vocabSize = v; return this; }
        public Builder seqLen(int v) { this.seqLen = v; return this; }
        public Builder width(int v) { this.width = v; return this; }
        public Builder layers(int v) { this.layers = v; return this; }
        public Builder heads(int v) { this.heads = v; return this; }
        public Builder condDim(int v) { this.condDim = v; return this; }
        public Builder mlpRatio(int v) { this.mlpRatio = v; return this; }
        public Builder dropout(double v) { this.dropout = v; return this; }
        public Builder timeConditioning(boolean v) { this.timeConditioning = v; return this; }
        public Builder causal(boolean v) { this.causal = v; return this; }
        public Builder dtype(DataType v) { this.dtype = v; return this; }

        public DiTConfig build() {
            return new DiTConfig(vocabSize, seqLen, width, layers, heads, condDim, mlpRatio, dropout,
                    timeConditioning, causal, dtype);
        }
    }
}

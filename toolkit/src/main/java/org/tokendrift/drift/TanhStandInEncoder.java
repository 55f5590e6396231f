package org.tokendrift.drift;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Random;

/**
 * A deliberately tiny {@link FeatureEncoder} that stands in for the frozen DiT in tests and
 * notebooks: two tanh layers, the second mixing in the sequence mean so that positions interact
 * (as attention does), with fixed random weights.
 * <pre>
 *   H1 = tanh(X W1 + b1)                                  (the "penultimate" hidden state)
 *   H2 = tanh(H1 W2 + mean_l(H1) W3 + b2)                 (the "last" hidden state)
 * </pre>
 * Backward: {@code dA2 = dH2 * (1 - H2^2)}, {@code dH1 = dPen + dA2 W2^T + (1/L) sum_l dA2 W3^T}
 * (broadcast over the sequence), {@code dA1 = dH1 * (1 - H1^2)}, {@code dX = dA1 W1^T}.
 * Arithmetic runs in the data type given at construction (float64 for gradient checks).
 */
public final class TanhStandInEncoder implements FeatureEncoder {

    private final int seqLen;
    private final INDArray embedding;
    private final INDArray w1;
    private final INDArray b1;
    private final INDArray w2;
    private final INDArray w3;
    private final INDArray b2;

    /**
     * @param vocab   V
     * @param width   d (embedding and hidden width)
     * @param seqLen  L, needed to find the sequences in the {@code [B*L, d]} rows
     * @param seed    weight seed
     * @param dtype   arithmetic type
     */
    public TanhStandInEncoder(int vocab, int width, int seqLen, long seed, DataType dtype) {
        if (vocab < 1 || width < 1 || seqLen < 1) {
            throw new IllegalArgumentException("TanhStandInEncoder: vocab, width and seqLen must be >= 1");
        }
        Random rnd = new Random(seed);
        this.seqLen = seqLen;
        this.embedding = gaussian(rnd, vocab, width, 1.0, dtype);
        double scale = 1.0 / Math.sqrt(width);  // keeps pre-activations O(1), tanh out of saturation
        this.w1 = gaussian(rnd, width, width, scale, dtype);
        this.b1 = gaussian(rnd, 1, width, 0.1, dtype);
        this.w2 = gaussian(rnd, width, width, scale, dtype);
        this.w3 = gaussian(rnd, width, width, scale, dtype);
        this.b2 = gaussian(rnd, 1, width, 0.1, dtype);
    }

    private static INDArray gaussian(Random rnd, int rows, int cols, double scale, DataType dtype) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = rnd.nextGaussian() * scale;
            }
        }
        return Nd4j.createFromArray(m).castTo(dtype);
    }

    @Override
    public INDArray embeddingMatrix() {
        return embedding;
    }

    @Override
    public EncoderPass encode(INDArray embeddings, double[] sigma) {
        DataType dtype = embedding.dataType();
        INDArray x = embeddings.dataType() == dtype ? embeddings : embeddings.castTo(dtype);
        if (x.rank() != 2 || x.columns() != w1.rows() || x.rows() % seqLen != 0) {
            throw new IllegalArgumentException("TanhStandInEncoder: embeddings must be [B*" + seqLen + ", "
                    + w1.rows() + "], got " + java.util.Arrays.toString(x.shape()));
        }
        int batch = (int) (x.rows() / seqLen);
        INDArray h1 = Transforms.tanh(x.mmul(w1).addiRowVector(b1), false);
        INDArray mixed = broadcastToPositions(sequenceMean(h1, batch).mmul(w3));
        INDArray h2 = Transforms.tanh(h1.mmul(w2).addi(mixed).addiRowVector(b2), false);
        return new Pass(x, h1, h2, batch);
    }

    /** [B*L, d] -> [B, d]: mean over the L positions of each sequence. */
    private INDArray sequenceMean(INDArray rows, int batch) {
        return rows.reshape('c', batch, seqLen, rows.columns()).mean(1);
    }

    /** [B, d] -> [B*L, d]: row b repeated for each of its L positions. */
    private INDArray broadcastToPositions(INDArray perSequence) {
        int batch = (int) perSequence.rows();
        int[] rowToSequence = new int[batch * seqLen];
        for (int r = 0; r < rowToSequence.length; r++) {
            rowToSequence[r] = r / seqLen;
        }
        return Nd4j.pullRows(perSequence, 1, rowToSequence);
    }

    private final class Pass implements EncoderPass {
        private final INDArray x;
        private final INDArray h1;
        private final INDArray h2;
        private final int batch;

        Pass(INDArray x, INDArray h1, INDArray h2, int batch) {
            this.x = x;
            this.h1 = h1;
            this.h2 = h2;
            this.batch = batch;
        }

        @Override
        public INDArray penultimateHidden() {
            return h1;
        }

        @Override
        public INDArray lastHidden() {
            return h2;
        }

        @Override
        public INDArray backward(INDArray dPenultimate, INDArray dLast) {
            DataType dtype = h1.dataType();
            // dup(): castTo returns the same array when the type already matches, and dH1 is updated in place.
            INDArray dH1 = dPenultimate == null ? Nd4j.zeros(dtype, h1.rows(), h1.columns()) : dPenultimate.castTo(dtype).dup();
            if (dLast != null) {
                INDArray dA2 = dLast.castTo(dtype).mul(h2.mul(h2).rsubi(1.0));
                dH1.addi(dA2.mmul(w2.transpose()));
                dH1.addi(broadcastToPositions(sequenceMean(dA2, batch).mmul(w3.transpose())));
            }
            INDArray dA1 = dH1.muli(h1.mul(h1).rsubi(1.0));
            return dA1.mmul(w1.transpose());
        }
    }
}

package org.tokendrift.drift;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.DiTConfig;
import org.tokendrift.nn.Param;

import java.util.Random;

/**
 * Tiny real DiTs for tests of the drift objective on the actual engine. Weights are redrawn from a
 * Gaussian because the engine's adaLN-zero initialisation makes a fresh network the identity on
 * its embeddings with zero logits, which would make every gradient check vacuous.
 */
public final class TinyDiTs {

    private TinyDiTs() {
    }

    /** V = vocab, L = seqLen, d = 8, 2 layers, 2 heads, no dropout. */
    public static DiTConfig config(int vocab, int seqLen, boolean timeConditioning, DataType dtype) {
        return DiTConfig.builder().vocabSize(vocab).seqLen(seqLen).width(8).layers(2).heads(2).condDim(6).mlpRatio(2)
                .dropout(0.0).timeConditioning(timeConditioning).dtype(dtype).build();
    }

    /** A network with every weight drawn from N(0, scale^2) by {@code seed}. */
    public static DiT randomized(DiTConfig config, long seed, double scale) {
        DiT model = new DiT(config, seed);
        Random rnd = new Random(seed);
        for (Param p : model.parameters().all()) {
            double[] values = new double[Math.toIntExact(p.value().length())];
            for (int i = 0; i < values.length; i++) {
                values[i] = rnd.nextGaussian() * scale;
            }
            p.value().assign(Nd4j.createFromArray(values).reshape(p.value().shape()).castTo(p.value().dataType()));
        }
        return model;
    }
}

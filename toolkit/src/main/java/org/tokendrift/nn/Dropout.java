package org.tokendrift.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout: {@code y = x * m} with {@code m_i = Bernoulli(1 - p) / (1 - p)}, so that
 * E[y] = x and evaluation needs no rescaling. The mask is kept for backward ({@code dx = dy * m})
 * and drawn from the model's own seeded ND4J generator, so runs are reproducible.
 */
final class Dropout {
    private final double p;
    private final Random random;

    Dropout(double p, long seed) {
        this.p = p;
        this.random = p > 0 ? Nd4j.getRandomFactory().getNewRandomInstance(seed) : null;
    }

    boolean active(boolean training) {
        return training && p > 0;
    }

    /** Draws a fresh mask into {@code mask} and applies it to {@code x} in place. */
    void apply(INDArray x, INDArray mask) {
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1.0 - p), random);
        mask.muli(1.0 / (1.0 - p));
        x.muli(mask);
    }
}

package org.tokendrift.util;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Independent, reproducible random streams indexed by a seed and a stream number (a training
 * step, a validation batch, an NFE cell). Deriving every generator from {@code (seed, index)}
 * instead of advancing one shared generator is what lets training resume exactly and lets an
 * evaluation recompute any single cell: nothing depends on how many draws came before.
 *
 * <p>{@code L64X128MixRandom} is fixed by the JDK's specification, so streams are the same on every JVM.
 */
public final class SeededStreams {

    private SeededStreams() {
    }

    /** The generator of stream {@code index} under {@code seed}. */
    public static RandomGenerator stream(long seed, long index) {
        // Multiplying by the golden-ratio constant spreads neighbouring seeds far apart before
        // the index is added, so (seed, index) pairs do not collide for small values.
        return RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(seed * 0x9E3779B97F4A7C15L + index);
    }
}

package org.tokendrift.train;

/**
 * The seed of the validation noise of a run: validation batch {@code i} draws its corruption from
 * {@code SeededStreams.stream(seed(trainingSeed), i)}, the same in every pass, so validation losses
 * of one run compare across steps and {@code tokendrift validate} reproduces the logged values.
 */
public final class ValidationNoise {

    private ValidationNoise() {
    }

    /** A seed unrelated to the training streams of {@code trainingSeed} (its bitwise complement). */
    public static long seed(long trainingSeed) {
        return ~trainingSeed;
    }
}

package org.tokendrift.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A small analytic denoiser for tests: the logits of position {@code l} are a fixed function of the whole noisy
 * sequence and of sigma. Logits are float64 so exact reference distributions can use the very same numbers.
 * It counts its own calls and remembers the inputs, so NFE claims can be checked from the outside.
 */
final class TabularDenoiser implements Denoiser {

    /** Logits of one position given the sequence and sigma ({@code 0} when unconditioned). */
    @FunctionalInterface
    interface LogitFunction {
        double[] logits(int[] sequence, int position, double sigma);
    }

    private final int vocab;
    private final LogitFunction function;
    final java.util.List<int[][]> inputs = new java.util.ArrayList<>();
    final java.util.List<double[]> sigmas = new java.util.ArrayList<>();

    TabularDenoiser(int vocab, LogitFunction function) {
        this.vocab = vocab;
        this.function = function;
    }

    int calls() {
        return inputs.size();
    }

    @Override
    public INDArray logits(int[][] tokens, double[] sigma) {
        inputs.add(HostArrays.copy(tokens));
        sigmas.add(sigma == null ? null : sigma.clone());
        int len = tokens[0].length;
        double[][] out = new double[tokens.length * len][];
        for (int b = 0; b < tokens.length; b++) {
            double s = sigma == null ? 0.0 : sigma[b];
            for (int l = 0; l < len; l++) {
                double[] row = function.logits(tokens[b], l, s);
                if (row.length != vocab) {
                    throw new IllegalStateException("logit function returned " + row.length + " values");
                }
                out[b * len + l] = row;
            }
        }
        return Nd4j.createFromArray(out);
    }

    /**
     * A position-dependent function that also depends on the other tokens of the sequence (so the joint sample
     * distribution is not a product), with a large logit on {@code largeClass} (use the mask id to check
     * SUBS zero-masking, or -1 for none) and, when {@code sigmaWeight != 0}, on sigma.
     */
    static LogitFunction contextual(int vocab, int largeClass, double sigmaWeight) {
        return (sequence, position, sigma) -> {
            double[] row = new double[vocab];
            int context = 0;
            for (int l = 0; l < sequence.length; l++) {
                if (l != position) {
                    context = 31 * context + sequence[l] + 1;
                }
            }
            for (int v = 0; v < vocab; v++) {
                row[v] = 0.9 * Math.sin(1.0 + 1.7 * position + 2.3 * v + 0.61 * context)
                        + sigmaWeight * sigma * Math.cos(0.5 + v);
            }
            if (largeClass >= 0) {
                row[largeClass] = 6.0;
            }
            return row;
        };
    }
}

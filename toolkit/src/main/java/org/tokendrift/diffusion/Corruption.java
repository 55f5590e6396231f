package org.tokendrift.diffusion;

/**
 * A noisy batch drawn from a forward process, with everything the loss and the network need.
 *
 * <p>Arrays are shared, not copied: treat them as read-only.
 *
 * @param tokens     noisy tokens {@code z_t}, {@code [B][L]}
 * @param t          diffusion time per sequence
 * @param alpha      {@code alpha_t} per sequence (probability that a token is still clean)
 * @param alphaPrime {@code d alpha_t / dt} per sequence (negative); the NELBO weights use it
 * @param sigma      what the network is conditioned on: {@code -log alpha_t} per sequence, or {@code null} for
 *                   an unconditioned network (MDLM default)
 * @param predicted  {@code [B][L]}: positions whose clean token the loss asks the network to predict (MDLM: the
 *                   masked positions; DUO: every position). Other positions contribute exactly zero loss and
 *                   zero gradient.
 */
public record Corruption(int[][] tokens, double[] t, double[] alpha, double[] alphaPrime, double[] sigma,
                         boolean[][] predicted) {

    public Corruption {
        int b = Checks.batchSize(tokens, "noisy tokens");
        int len = tokens[0].length;
        Checks.length(t, b, "t");
        Checks.length(alpha, b, "alpha");
        Checks.length(alphaPrime, b, "alphaPrime");
        if (sigma != null) {
            Checks.length(sigma, b, "sigma");
        }
        if (predicted == null || predicted.length != b) {
            throw new IllegalArgumentException("predicted mask must have " + b + " rows, got "
                    + (predicted == null ? "null" : predicted.length));
        }
        for (int i = 0; i < b; i++) {
            if (predicted[i].length != len) {
                throw new IllegalArgumentException("predicted mask row " + i + " has length " + predicted[i].length
                        + ", expected " + len);
            }
        }
    }

    public int batchSize() {
        return tokens.length;
    }

    public int seqLen() {
        return tokens[0].length;
    }

    /** Number of predicted positions over the whole batch. */
    public int predictedCount() {
        int n = 0;
        for (boolean[] row : predicted) {
            for (boolean p : row) {
                n += p ? 1 : 0;
            }
        }
        return n;
    }
}

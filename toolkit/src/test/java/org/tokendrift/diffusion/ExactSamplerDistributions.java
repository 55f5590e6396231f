package org.tokendrift.diffusion;

import java.util.Arrays;

/**
 * Exact output distributions of the MDLM and DUO ancestral samplers for tiny {@code V^L} state spaces, by
 * propagating a probability vector over all sequences through every step. Reverse kernels are built here by
 * Bayes' rule over the forward kernels ({@code q(z_s|z_t,x) ∝ q(z_t|z_s) q(z_s|x)}), independently of the
 * closed forms in {@link MdlmPosterior} and {@link DuoPosterior}.
 */
final class ExactSamplerDistributions {

    private ExactSamplerDistributions() {
    }

    static int[] decode(int state, int vocab, int len) {
        int[] seq = new int[len];
        for (int l = len - 1; l >= 0; l--) {
            seq[l] = state % vocab;
            state /= vocab;
        }
        return seq;
    }

    static int encode(int[] seq, int vocab) {
        int s = 0;
        for (int v : seq) {
            s = s * vocab + v;
        }
        return s;
    }

    static int states(int vocab, int len) {
        return (int) Math.pow(vocab, len);
    }

    static double[] softmax(double[] logits, int excluded) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < logits.length; v++) {
            if (v != excluded) {
                max = Math.max(max, logits[v]);
            }
        }
        double[] p = new double[logits.length];
        double sum = 0.0;
        for (int v = 0; v < logits.length; v++) {
            p[v] = v == excluded ? 0.0 : Math.exp(logits[v] - max);
            sum += p[v];
        }
        for (int v = 0; v < p.length; v++) {
            p[v] /= sum;
        }
        return p;
    }

    /** Bayes posterior for the absorbing process; {@code x} has no mass on {@code mask}. */
    static double[] mdlmBayes(double[] x, int zt, int mask, double alphaT, double alphaS) {
        double[] post = new double[x.length];
        double total = 0.0;
        for (int v = 0; v < x.length; v++) {
            double prior = alphaS * x[v] + (v == mask ? 1.0 - alphaS : 0.0);           // q(z_s = v | x)
            double forward;                                                          // q(z_t | z_s = v)
            if (v == mask) {
                forward = zt == mask ? 1.0 : 0.0;
            } else {
                forward = zt == v ? alphaT / alphaS : (zt == mask ? 1.0 - alphaT / alphaS : 0.0);
            }
            post[v] = forward * prior;
            total += post[v];
        }
        for (int v = 0; v < post.length; v++) {
            post[v] /= total;
        }
        return post;
    }

    /** Bayes posterior for the uniform process. */
    static double[] duoBayes(double[] x, int zt, double alphaT, double alphaS) {
        int k = x.length;
        double ats = alphaT / alphaS;
        double[] post = new double[k];
        double total = 0.0;
        for (int v = 0; v < k; v++) {
            double prior = alphaS * x[v] + (1.0 - alphaS) / k;
            double forward = (v == zt ? ats : 0.0) + (1.0 - ats) / k;
            post[v] = forward * prior;
            total += post[v];
        }
        for (int v = 0; v < k; v++) {
            post[v] /= total;
        }
        return post;
    }

    /** Kernel of one position given the current full sequence. */
    @FunctionalInterface
    interface PositionKernel {
        double[] next(int[] sequence, int position);
    }

    /** One step: each position moves independently given the whole current sequence. */
    static double[] step(double[] dist, int vocab, int len, PositionKernel kernel) {
        double[] out = new double[dist.length];
        for (int s = 0; s < dist.length; s++) {
            if (dist[s] == 0.0) {
                continue;
            }
            int[] seq = decode(s, vocab, len);
            double[][] per = new double[len][];
            for (int l = 0; l < len; l++) {
                per[l] = kernel.next(seq, l);
            }
            for (int target = 0; target < dist.length; target++) {
                int[] next = decode(target, vocab, len);
                double p = dist[s];
                for (int l = 0; l < len && p > 0.0; l++) {
                    p *= per[l][next[l]];
                }
                out[target] += p;
            }
        }
        return out;
    }

    static double[] oneHot(int vocab, int index) {
        double[] v = new double[vocab];
        v[index] = 1.0;
        return v;
    }

    static double[] mdlm(int vocab, int mask, int len, int steps, boolean noiseRemoval, NoiseSchedule schedule,
                         TabularDenoiser.LogitFunction f) {
        return mdlm(vocab, mask, len, steps, noiseRemoval, SamplingGrid.DEFAULT_FINAL_TIME, schedule, f);
    }

    static double[] mdlm(int vocab, int mask, int len, int steps, boolean noiseRemoval, double finalTime,
                         NoiseSchedule schedule, TabularDenoiser.LogitFunction f) {
        double[] grid = SamplingGrid.times(steps, finalTime);
        double[] dist = new double[states(vocab, len)];
        int[] allMask = new int[len];
        Arrays.fill(allMask, mask);
        dist[encode(allMask, vocab)] = 1.0;
        for (int i = 0; i < steps; i++) {
            double at = schedule.alpha(grid[i]);
            double as = schedule.alpha(grid[i + 1]);
            dist = step(dist, vocab, len, (seq, l) -> {
                double[] x = softmax(f.logits(seq, l, 0.0), mask);
                return mdlmBayes(x, seq[l], mask, at, as);
            });
        }
        if (noiseRemoval) {
            dist = step(dist, vocab, len, (seq, l) -> {
                if (seq[l] != mask) {
                    return oneHot(vocab, seq[l]);
                }
                double[] x = softmax(f.logits(seq, l, 0.0), mask);
                return oneHot(vocab, Categorical.argmax(x, 0, vocab));
            });
        }
        return dist;
    }

    static double[] duo(int k, int len, int steps, DuoFinalStep finalStep, NoiseSchedule schedule,
                        TabularDenoiser.LogitFunction f) {
        return duo(k, len, steps, finalStep, SamplingGrid.DEFAULT_FINAL_TIME, schedule, f);
    }

    static double[] duo(int k, int len, int steps, DuoFinalStep finalStep, double finalTime, NoiseSchedule schedule,
                        TabularDenoiser.LogitFunction f) {
        double[] grid = SamplingGrid.times(steps, finalTime);
        double[] dist = new double[states(k, len)];
        Arrays.fill(dist, 1.0 / dist.length);
        for (int i = 0; i < steps; i++) {
            double at = schedule.alpha(grid[i]);
            double as = schedule.alpha(grid[i + 1]);
            double sigma = -Math.log(at);
            dist = step(dist, k, len, (seq, l) -> duoBayes(softmax(f.logits(seq, l, sigma), -1), seq[l], at, as));
        }
        double t0 = grid[steps];
        double a0 = schedule.alpha(t0);
        double sigma0 = -Math.log(a0);
        if (finalStep == DuoFinalStep.ANCESTRAL) {
            dist = step(dist, k, len, (seq, l) -> duoBayes(softmax(f.logits(seq, l, sigma0), -1), seq[l], a0, 1.0));
        } else if (finalStep == DuoFinalStep.GREEDY) {
            dist = step(dist, k, len, (seq, l) -> oneHot(k, Categorical.argmax(softmax(f.logits(seq, l, sigma0), -1), 0, k)));
        }
        return dist;
    }

    /** Counts of each sequence (encoded) among sampled sequences. */
    static long[] histogram(int[][] tokens, int vocab) {
        long[] counts = new long[states(vocab, tokens[0].length)];
        for (int[] seq : tokens) {
            counts[encode(seq, vocab)]++;
        }
        return counts;
    }
}

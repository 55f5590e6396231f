package org.tokendrift.diffusion;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * DUO ancestral sampler (research note §B.2, §B.7).
 *
 * <p>Start from uniform random tokens. For {@code i = 0 .. steps-1}, with {@code t = grid[i]},
 * {@code s = grid[i+1]} on {@code linspace(1, 1e-5, steps+1)} and the log-linear {@code alpha}: call the
 * network with {@code sigma = -log alpha_t}, take {@code x_theta = softmax(logits)} in float64 and draw every
 * position from {@link DuoPosterior} {@code q(z_s | z_t, x_theta)} (all positions may change). Then the final
 * step at {@code t0 = 1e-5}: {@link DuoFinalStep#ANCESTRAL} draws from the {@code alpha_s = 1} kernel,
 * {@link DuoFinalStep#GREEDY} sets {@code z = argmax x_theta}. The model is time-conditioned, so there is no
 * cache: NFE = {@code steps + 1} ({@code steps} without a final step).
 */
public final class DuoSampler implements Sampler {

    private final DuoConfig model;
    private final DuoSamplerConfig config;

    public DuoSampler(DuoConfig model, DuoSamplerConfig config) {
        if (model == null || config == null) {
            throw new IllegalArgumentException("model and sampler configs must not be null");
        }
        this.model = model;
        this.config = config;
    }

    public DuoSamplerConfig config() {
        return config;
    }

    @Override
    public SampleResult sample(Denoiser denoiser, int batchSize, int seqLen, RandomGenerator rng,
                               SamplingObserver observer) {
        Checks.positive(batchSize, "batch size");
        Checks.positive(seqLen, "sequence length");
        CountingDenoiser network = new CountingDenoiser(denoiser);
        int k = model.vocabSize();
        NoiseSchedule schedule = model.schedule();
        double[] grid = SamplingGrid.times(config.steps(), config.finalTime());

        int[][] z = new int[batchSize][seqLen];
        for (int[] row : z) {
            for (int l = 0; l < seqLen; l++) {
                row[l] = rng.nextInt(k); // prior: uniform over K
            }
        }
        double[] scratch = new double[k];
        for (int i = 0; i < config.steps(); i++) {
            double t = grid[i];
            double alphaT = schedule.alpha(t);
            double alphaS = schedule.alpha(grid[i + 1]);
            double[] probs = probabilities(network, z, t);
            ancestralStep(z, probs, alphaT, alphaS, scratch, rng);
            observer.afterStep(i + 1, grid[i + 1], z);
        }
        if (config.finalStep() != DuoFinalStep.NONE) {
            double t0 = config.finalTime();
            double[] probs = probabilities(network, z, t0);
            if (config.finalStep() == DuoFinalStep.ANCESTRAL) {
                ancestralStep(z, probs, schedule.alpha(t0), 1.0, scratch, rng);
            } else {
                for (int b = 0; b < batchSize; b++) {
                    for (int l = 0; l < seqLen; l++) {
                        z[b][l] = Categorical.argmax(probs, (b * seqLen + l) * k, k);
                    }
                }
            }
            observer.afterStep(config.steps() + 1, 0.0, z);
        }
        return new SampleResult(z, network.calls());
    }

    /** One reverse step in place: every position drawn from {@code q(z_s | z_t, x_theta)}. */
    private void ancestralStep(int[][] z, double[] probs, double alphaT, double alphaS, double[] scratch,
                               RandomGenerator rng) {
        int k = model.vocabSize();
        int seqLen = z[0].length;
        for (int b = 0; b < z.length; b++) {
            for (int l = 0; l < seqLen; l++) {
                DuoPosterior.numerators(probs, (b * seqLen + l) * k, k, z[b][l], alphaT, alphaS, scratch);
                z[b][l] = Categorical.sample(scratch, 0, k, rng);
            }
        }
    }

    /** {@code x_theta(z_t)} in float64, row-major {@code [B*L, K]}, the network conditioned on -log alpha_t. */
    private double[] probabilities(Denoiser network, int[][] z, double t) {
        double[] sigma = new double[z.length];
        Arrays.fill(sigma, model.schedule().sigma(t));
        var logits = network.logits(z, sigma);
        int rows = z.length * z[0].length;
        Checks.logits(logits, rows, model.vocabSize());
        double[] probs = HostArrays.rowMajorDoubles(logits);
        HostArrays.softmaxRowsInPlace(probs, rows, model.vocabSize(), -1);
        return probs;
    }
}

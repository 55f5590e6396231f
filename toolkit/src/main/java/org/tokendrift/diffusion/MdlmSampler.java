package org.tokendrift.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * MDLM ancestral sampler with the "ddpm_cache" trick (research note §A.7, §A.8).
 *
 * <p>Start with every position {@code [MASK]}. For {@code i = 0 .. steps-1}, with {@code t = grid[i]},
 * {@code s = grid[i+1]} on {@code linspace(1, 1e-5, steps+1)}: compute the SUBS probabilities
 * {@code x_theta(z_t)} (float64), and at each masked position draw
 * <pre>
 *   z_s ~ [ (1 - alpha_s) onehot(m) + (alpha_s - alpha_t) x_theta ] / (1 - alpha_t)     ({@link MdlmPosterior})
 * </pre>
 * Unmasked positions are copied. Then, if noise removal is on, one more call at {@code t = 1e-5} and
 * {@code z = argmax x_theta} at the positions still masked.
 *
 * <p><b>Cache.</b> Without time conditioning the network output depends only on {@code z_t}, so {@code x_theta}
 * is reused until some token of the batch changes; the network is called again only then. NFE (reported in
 * {@link SampleResult}) is the number of real calls, at most {@code steps + 1}.
 *
 * <p>For the log-linear schedule {@code (1 - alpha_s)/(1 - alpha_t) = s/t}, so this equals the reference
 * cached update, which uses {@code move = t}.
 */
public final class MdlmSampler implements Sampler {

    private final MdlmConfig model;
    private final MdlmSamplerConfig config;

    public MdlmSampler(MdlmConfig model, MdlmSamplerConfig config) {
        if (model == null || config == null) {
            throw new IllegalArgumentException("model and sampler configs must not be null");
        }
        this.model = model;
        this.config = config;
    }

    public MdlmSamplerConfig config() {
        return config;
    }

    /** Whether {@code x_theta} is reused across unchanged steps (needs a model without time conditioning). */
    public boolean cacheActive() {
        return config.cache() && !model.timeConditioning();
    }

    @Override
    public SampleResult sample(Denoiser denoiser, int batchSize, int seqLen, RandomGenerator rng,
                               SamplingObserver observer) {
        Checks.positive(batchSize, "batch size");
        Checks.positive(seqLen, "sequence length");
        CountingDenoiser network = new CountingDenoiser(denoiser);
        int vocab = model.vocabSize();
        int mask = model.maskId();
        NoiseSchedule schedule = model.schedule();
        double[] grid = SamplingGrid.times(config.steps(), config.finalTime());

        int[][] z = new int[batchSize][seqLen];
        for (int[] row : z) {
            Arrays.fill(row, mask);
        }
        double[] weights = new double[vocab];
        double[] probs = null; // x_theta of the current state, row-major [B*L, V]; null = must recompute
        for (int i = 0; i < config.steps(); i++) {
            double t = grid[i];
            double alphaT = schedule.alpha(t);
            double alphaS = schedule.alpha(grid[i + 1]);
            if (probs == null) {
                probs = subsProbabilities(network.logits(z, sigma(t, batchSize)), batchSize * seqLen);
            }
            boolean changed = false;
            for (int b = 0; b < batchSize; b++) {
                for (int l = 0; l < seqLen; l++) {
                    if (z[b][l] != mask) {
                        continue; // carry-over
                    }
                    MdlmPosterior.unnormalisedWeights(probs, (b * seqLen + l) * vocab, vocab, mask, alphaT, alphaS,
                            weights);
                    int next = Categorical.sample(weights, 0, vocab, rng);
                    if (next != mask) {
                        z[b][l] = next;
                        changed = true;
                    }
                }
            }
            if (changed || !cacheActive()) {
                probs = null;
            }
            observer.afterStep(i + 1, grid[i + 1], z);
        }
        if (config.noiseRemoval()) {
            // Like the reference, a fresh call even if the state is unchanged since the last one.
            double[] last = subsProbabilities(network.logits(z, sigma(config.finalTime(), batchSize)),
                    batchSize * seqLen);
            for (int b = 0; b < batchSize; b++) {
                for (int l = 0; l < seqLen; l++) {
                    if (z[b][l] == mask) {
                        z[b][l] = Categorical.argmax(last, (b * seqLen + l) * vocab, vocab);
                    }
                }
            }
            observer.afterStep(config.steps() + 1, 0.0, z);
        }
        return new SampleResult(z, network.calls());
    }

    private double[] sigma(double t, int batchSize) {
        if (!model.timeConditioning()) {
            return null;
        }
        double[] sigma = new double[batchSize];
        Arrays.fill(sigma, model.schedule().sigma(t));
        return sigma;
    }

    /** SUBS zero-masking in float64: softmax over the non-mask classes (the mask gets probability 0). */
    private double[] subsProbabilities(INDArray logits, int rows) {
        Checks.logits(logits, rows, model.vocabSize());
        double[] probs = HostArrays.rowMajorDoubles(logits);
        HostArrays.softmaxRowsInPlace(probs, rows, model.vocabSize(), model.maskId());
        return probs;
    }
}

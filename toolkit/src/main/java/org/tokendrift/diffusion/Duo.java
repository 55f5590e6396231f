package org.tokendrift.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.random.RandomGenerator;

/**
 * DUO: uniform-state diffusion (research note §B, semantics of the reference branch {@code ch-1}).
 *
 * <ul>
 *   <li>Forward process (§B.1): {@code q(z_t | x) = Cat(alpha_t x + (1 - alpha_t)/K)}; with probability
 *       {@code 1 - alpha_t} a token is replaced by a uniform id in {@code [0, K)} (possibly itself).</li>
 *   <li>Network input: the noisy tokens and {@code sigma = -log alpha_t} per sequence (§B.4).</li>
 *   <li>Loss: the Rao-Blackwellised NELBO, {@link DuoNelbo} (§B.3).</li>
 *   <li>Predicted positions: all of them.</li>
 *   <li>Sampler: {@link DuoSampler}; curriculum inputs: {@link DuoCurriculum}.</li>
 * </ul>
 */
public final class Duo implements Backbone {

    private final DuoConfig config;
    private final DuoNelbo nelbo;

    public Duo(DuoConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("DUO config must not be null");
        }
        this.config = config;
        this.nelbo = new DuoNelbo(config.vocabSize());
    }

    public DuoConfig config() {
        return config;
    }

    @Override
    public int vocabSize() {
        return config.vocabSize();
    }

    @Override
    public Corruption corrupt(int[][] x0, RandomGenerator rng) {
        int b = Checks.batchSize(x0, "clean tokens");
        return corruptAt(x0, config.timeSampler().sample(b, rng), rng);
    }

    @Override
    public Corruption corruptAt(int[][] x0, double[] t, RandomGenerator rng) {
        int b = Checks.batchSize(x0, "clean tokens");
        Checks.tokenRange(x0, config.vocabSize(), "clean tokens");
        Checks.times(t, b);
        int len = x0[0].length;
        int k = config.vocabSize();
        NoiseSchedule schedule = config.schedule();
        int[][] z = new int[b][len];
        boolean[][] predicted = new boolean[b][len];
        double[] alpha = new double[b];
        double[] alphaPrime = new double[b];
        double[] sigma = new double[b];
        for (int i = 0; i < b; i++) {
            alpha[i] = schedule.alpha(t[i]);
            alphaPrime[i] = schedule.alphaPrime(t[i]);
            sigma[i] = schedule.sigma(t[i]);
            double resample = 1.0 - alpha[i];
            for (int l = 0; l < len; l++) {
                z[i][l] = rng.nextDouble() < resample ? rng.nextInt(k) : x0[i][l];
                predicted[i][l] = true;
            }
        }
        return new Corruption(z, t.clone(), alpha, alphaPrime, sigma, predicted);
    }

    @Override
    public LossValue loss(INDArray logits, Corruption corruption, int[][] x0) {
        Checks.tokenRange(x0, config.vocabSize(), "clean tokens");
        return nelbo.compute(logits, corruption, x0);
    }

    /** {@code x_theta = softmax(logits)} row-wise, in the logits' data type. */
    @Override
    public INDArray denoisedProbabilities(INDArray logits, int[][] noisyTokens) {
        int b = Checks.batchSize(noisyTokens, "noisy tokens");
        Checks.logits(logits, (long) b * noisyTokens[0].length, config.vocabSize());
        return RowSoftmax.softmax(logits);
    }

    @Override
    public Sampler sampler(int steps) {
        return new DuoSampler(config, DuoSamplerConfig.defaults(steps));
    }

    /** A sampler with explicit settings. */
    public DuoSampler sampler(DuoSamplerConfig samplerConfig) {
        return new DuoSampler(config, samplerConfig);
    }
}

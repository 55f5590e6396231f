package org.tokendrift.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.random.RandomGenerator;

/**
 * MDLM: masked (absorbing-state) diffusion (research note §A).
 *
 * <ul>
 *   <li>Forward process (§A.1): each token is replaced by {@code [MASK]} independently with probability
 *       {@code 1 - alpha_t}; {@code q(z_t | x) = Cat(alpha_t x + (1 - alpha_t) m)}.</li>
 *   <li>Loss (§A.3, §A.4): SUBS-parameterised continuous-time NELBO, {@link MdlmNelbo}.</li>
 *   <li>Network input: the noisy tokens and {@code sigma = null} (no time conditioning, the default) or
 *       {@code sigma(t)}.</li>
 *   <li>Predicted positions (for the loss and for TokenDrift): the masked ones.</li>
 *   <li>Sampler: {@link MdlmSampler}.</li>
 * </ul>
 */
public final class Mdlm implements Backbone {

    private final MdlmConfig config;
    private final MdlmNelbo nelbo;

    public Mdlm(MdlmConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("MDLM config must not be null");
        }
        this.config = config;
        this.nelbo = new MdlmNelbo(config.vocabSize(), config.maskId());
    }

    public MdlmConfig config() {
        return config;
    }

    public int maskId() {
        return config.maskId();
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
        requireCleanTokens(x0);
        Checks.times(t, b);
        NoiseSchedule schedule = config.schedule();
        int len = x0[0].length;
        int[][] z = new int[b][len];
        boolean[][] predicted = new boolean[b][len];
        double[] alpha = new double[b];
        double[] alphaPrime = new double[b];
        double[] sigma = config.timeConditioning() ? new double[b] : null;
        for (int i = 0; i < b; i++) {
            alpha[i] = schedule.alpha(t[i]);
            alphaPrime[i] = schedule.alphaPrime(t[i]);
            if (sigma != null) {
                sigma[i] = schedule.sigma(t[i]);
            }
            double maskProbability = 1.0 - alpha[i];
            for (int l = 0; l < len; l++) {
                boolean masked = rng.nextDouble() < maskProbability;
                z[i][l] = masked ? config.maskId() : x0[i][l];
                predicted[i][l] = masked;
            }
        }
        return new Corruption(z, t.clone(), alpha, alphaPrime, sigma, predicted);
    }

    @Override
    public LossValue loss(INDArray logits, Corruption corruption, int[][] x0) {
        requireCleanTokens(x0);
        return nelbo.compute(logits, corruption, x0);
    }

    /**
     * SUBS {@code x_theta} (§A.3): softmax with the mask class removed at masked positions; one-hot of the
     * observed token elsewhere (carry-over).
     */
    @Override
    public INDArray denoisedProbabilities(INDArray logits, int[][] noisyTokens) {
        int b = Checks.batchSize(noisyTokens, "noisy tokens");
        int len = noisyTokens[0].length;
        Checks.logits(logits, (long) b * len, config.vocabSize());
        INDArray work = logits.dup('c');
        work.getColumn(config.maskId()).assign(Double.NEGATIVE_INFINITY);
        double[] keep = new double[b * len]; // 1 at masked rows, 0 at carried-over rows
        for (int i = 0; i < b; i++) {
            for (int l = 0; l < len; l++) {
                keep[i * len + l] = noisyTokens[i][l] == config.maskId() ? 1.0 : 0.0;
            }
        }
        INDArray probs = RowSoftmax.softmax(work).muliColumnVector(HostArrays.column(keep, logits.dataType()));
        for (int i = 0; i < b; i++) {
            for (int l = 0; l < len; l++) {
                if (keep[i * len + l] == 0.0) {
                    probs.putScalar((long) i * len + l, noisyTokens[i][l], 1.0);
                }
            }
        }
        return probs;
    }

    @Override
    public Sampler sampler(int steps) {
        return new MdlmSampler(config, MdlmSamplerConfig.defaults(steps));
    }

    /** A sampler with explicit settings. */
    public MdlmSampler sampler(MdlmSamplerConfig samplerConfig) {
        return new MdlmSampler(config, samplerConfig);
    }

    /** The per-token NELBO weight {@code -alpha'_t / (1 - alpha_t)}; {@code 1/t} for the log-linear schedule. */
    public double lossWeight(double t) {
        return MdlmNelbo.weight(config.schedule().alpha(t), config.schedule().alphaPrime(t));
    }

    private void requireCleanTokens(int[][] x0) {
        Checks.tokenRange(x0, config.vocabSize(), "clean tokens");
        for (int b = 0; b < x0.length; b++) {
            for (int l = 0; l < x0[b].length; l++) {
                if (x0[b][l] == config.maskId()) {
                    throw new IllegalArgumentException("clean tokens contain [MASK] (" + config.maskId() + ") at ["
                            + b + "][" + l + "]; the absorbing state must not occur in data");
                }
            }
        }
    }
}

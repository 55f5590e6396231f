package org.tokendrift.diffusion;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * DUO curriculum inputs: tempered softmax of Gaussian latents (research note §B.6, reference {@code ch-1}).
 * Per sequence:
 * <pre>
 *   t ~ antithetic in [1e-3, 1],   gamma = gammaMin + t (gammaMax - gammaMin)
 *   alpha_t  = T(gamma)  (DuoGaussianMap),   alpha'_t = (gammaMax - gammaMin) (T(gamma + h) - T(gamma)) / h,  h = 1e-3
 *   sigma    = -log alpha_t                                          (network conditioning)
 *   w        = alphaTilde onehot(x) + sigmaTilde eps,  alphaTilde = sqrt(sigmoid(-gamma)), sigmaTilde = sqrt(sigmoid(gamma))
 *   input    = softmax(w / tau)        loss on z_t = argmax(w) with the discrete NELBO ({@link Duo#loss})
 * </pre>
 * By the duality, {@code argmax(w)} has exactly the USDM marginal with {@code alpha_t = T(gamma)}. The Gaussian
 * tensor is {@code [B*L, K]} float32 built with ND4J ops (native normal draws in chunks, seeded from {@code rng}); only
 * per-row work (the clean-index shift) runs in Java.
 */
public final class DuoCurriculum {

    /** Values per native normal draw: checked independent up to 4.2M, so well inside that. */
    static final long NORMAL_CHUNK = 1L << 20;

    private final DuoGaussianMap map;
    private final DuoCurriculumConfig config;

    public DuoCurriculum(DuoGaussianMap map, DuoCurriculumConfig config) {
        if (map == null || config == null) {
            throw new IllegalArgumentException("map and config must not be null");
        }
        double needed = config.gammaMax() + config.finiteDifferenceStep();
        if (config.gammaMin() < map.tableStart() || needed > map.tableEnd()) {
            throw new IllegalArgumentException("curriculum gamma range [" + config.gammaMin() + ", " + needed
                    + "] (incl. the finite-difference step) is not inside the map table [" + map.tableStart() + ", "
                    + map.tableEnd() + "]");
        }
        this.map = map;
        this.config = config;
    }

    /** The reference curriculum for {@code map}'s K and gamma range. */
    public static DuoCurriculum standard(DuoGaussianMap map) {
        return new DuoCurriculum(map, DuoCurriculumConfig.defaults(map));
    }

    public DuoCurriculumConfig config() {
        return config;
    }

    /** {@code gamma(t) = gammaMin + t (gammaMax - gammaMin)}. */
    public double gamma(double t) {
        return config.gammaMin() + NoiseSchedule.requireTime(t) * (config.gammaMax() - config.gammaMin());
    }

    /** {@code alpha_t = T(gamma(t))}. */
    public double alpha(double t) {
        return map.alpha(gamma(t));
    }

    /** {@code d alpha_t / dt} by the reference's forward difference in gamma. */
    public double alphaPrime(double t) {
        double g = gamma(t);
        double h = config.finiteDifferenceStep();
        return (config.gammaMax() - config.gammaMin()) * (map.alpha(g + h) - map.alpha(g)) / h;
    }

    /** A curriculum batch at antithetic times. */
    public CurriculumBatch corrupt(int[][] x0, RandomGenerator rng) {
        int b = Checks.batchSize(x0, "clean tokens");
        return corruptAt(x0, config.timeSampler().sample(b, rng), rng);
    }

    /** A curriculum batch at the given times (one per sequence). */
    public CurriculumBatch corruptAt(int[][] x0, double[] t, RandomGenerator rng) {
        int batch = Checks.batchSize(x0, "clean tokens");
        int k = map.vocabSize();
        Checks.tokenRange(x0, k, "clean tokens");
        Checks.times(t, batch);
        int len = x0[0].length;
        int n = batch * len;

        double[] gamma = new double[batch];
        double[] alpha = new double[batch];
        double[] alphaPrime = new double[batch];
        double[] sigma = new double[batch];
        double[] rowSignal = new double[n];
        double[] rowNoise = new double[n];
        boolean[][] predicted = new boolean[batch][len];
        for (int i = 0; i < batch; i++) {
            gamma[i] = gamma(t[i]);
            alpha[i] = map.alpha(gamma[i]);
            alphaPrime[i] = alphaPrime(t[i]);
            sigma[i] = -Math.log(alpha[i]);
            double signal = Math.sqrt(sigmoid(-gamma[i]));
            double noise = Math.sqrt(sigmoid(gamma[i]));
            for (int l = 0; l < len; l++) {
                rowSignal[i * len + l] = signal;
                rowNoise[i * len + l] = noise;
                predicted[i][l] = true;
            }
        }

        INDArray w = Nd4j.createUninitialized(DataType.FLOAT, n, k);
        fillStandardNormal(w, rng.nextLong());
        w.muliColumnVector(HostArrays.column(rowNoise, DataType.FLOAT));
        int[] clean = HostArrays.flatten(x0);
        for (int r = 0; r < n; r++) {
            w.putScalar(r, clean[r], w.getDouble(r, clean[r]) + rowSignal[r]);
        }

        int[] argmax = Nd4j.argMax(w, 1).castTo(DataType.INT).toIntVector();
        int[][] z = new int[batch][len];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(argmax, i * len, z[i], 0, len);
        }
        INDArray soft = RowSoftmax.softmax(w.divi(config.tau()));
        Corruption corruption = new Corruption(z, t.clone(), alpha, alphaPrime, sigma, predicted);
        return new CurriculumBatch(corruption, soft, gamma);
    }

    /**
     * Fills the rows of {@code target} with N(0, 1), {@link #NORMAL_CHUNK} values at a time, each chunk from
     * its own native generator seeded from {@code seed}. One ND4J {@code randn} call over a whole
     * curriculum batch ([B*L, K] = 16.8M values at the default scale) returns values that are not
     * independent: beyond a few million the mean row maximum over K = 4096 falls from 3.63 to 3.35, so the
     * clean token wins the argmax far more often than {@code T(gamma)} says (DuoCurriculumTest).
     */
    private static void fillStandardNormal(INDArray target, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        long rows = target.rows();
        long rowsPerChunk = Math.max(1, NORMAL_CHUNK / target.columns());
        for (long from = 0; from < rows; from += rowsPerChunk) {
            long to = Math.min(rows, from + rowsPerChunk);
            org.nd4j.linalg.api.rng.Random normal = Nd4j.getRandomFactory().getNewRandomInstance(seeds.nextLong());
            try {
                INDArray chunk = Nd4j.createUninitialized(target.dataType(), to - from, target.columns());
                Nd4j.randn(chunk, normal);
                target.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(chunk);
                chunk.close();
            } finally {
                try {
                    normal.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not release the native random generator", e);
                }
            }
        }
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}

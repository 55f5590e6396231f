package org.tokendrift.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Drifting in two dimensions, small enough to watch: a generator {@code x = A eps + b}
 * (eps ~ N(0, I), A a 2x2 matrix, b a 2-vector) is trained with the fixed-point drift loss
 * (Deng et al. 2026 Alg. 1; TokenDrift §4) toward a Gaussian target N(m, S). Each step:
 * <pre>
 *   x_i = A eps_i + b                           (N anchors, also the negatives, self-masked)
 *   y_j ~ N(m, S)                               (P positives, fresh every step)
 *   V   = DriftField(x, y, x)                   (joint normalisation, multi-temperature, RMS)
 *   dL/dx_i = -alpha V_i / N                    (DriftLoss: the stop-gradient target x + alpha V)
 *   dL/dA = sum_i dL/dx_i eps_i^T,  dL/db = sum_i dL/dx_i,  then one Adam step on (A, b)
 * </pre>
 * The generated distribution is N(b, A A^T), so its mean and covariance are read off the
 * parameters exactly. The trajectory keeps them per step, plus point clouds and drift arrows at
 * chosen steps for plots. Deterministic for a given seed.
 */
public final class ToyDrift2D {

    /**
     * @param targetMean        m
     * @param targetCovariance  S (symmetric positive definite)
     * @param initialA          A at step 0
     * @param initialB          b at step 0
     * @param steps             optimiser steps
     * @param generatedPerStep  N anchors per step
     * @param realPerStep       P positives per step
     * @param learningRate      Adam step size (betas 0.9, 0.999)
     * @param drift             field constants; the toy default rescales distances (Deng et al.),
     *                          since 2-D points are not unit-norm
     * @param snapshotEvery     keep a point cloud every this many steps (and at the last step)
     * @param seed              random seed
     */
    public record Settings(double[] targetMean, double[][] targetCovariance, double[][] initialA, double[] initialB,
                           int steps, int generatedPerStep, int realPerStep, double learningRate,
                           DriftConfig drift, int snapshotEvery, long seed) {

        /**
         * A demo setting: from a small blob at (-2, 2) to a correlated Gaussian at (1, -0.5);
         * converges in about 500 steps (a few CPU seconds). The paper's field constants, plus
         * Deng-style distance rescaling because 2-D points are not unit-norm (it makes the
         * temperatures scale-free; the toy also converges without it).
         */
        public static Settings demo() {
            return new Settings(new double[]{1.0, -0.5}, new double[][]{{1.0, 0.6}, {0.6, 0.8}},
                    new double[][]{{0.3, 0}, {0, 0.3}}, new double[]{-2, 2}, 800, 64, 128, 0.01,
                    DriftConfig.builder().distanceRescaling(true).build(), 50, 7);
        }

        public Settings withSteps(int newSteps) {
            return new Settings(targetMean, targetCovariance, initialA, initialB, newSteps, generatedPerStep,
                    realPerStep, learningRate, drift, snapshotEvery, seed);
        }

        public Settings withDrift(DriftConfig newDrift) {
            return new Settings(targetMean, targetCovariance, initialA, initialB, steps, generatedPerStep,
                    realPerStep, learningRate, newDrift, snapshotEvery, seed);
        }

        public Settings withSeed(long newSeed) {
            return new Settings(targetMean, targetCovariance, initialA, initialB, steps, generatedPerStep,
                    realPerStep, learningRate, drift, snapshotEvery, newSeed);
        }
    }

    /**
     * A point cloud at one step.
     *
     * @param step       the step (before its update)
     * @param generated  x {@code [N][2]}
     * @param real       the positives y {@code [P][2]} drawn at that step
     * @param drift      V {@code [N][2]}, for arrows at x
     */
    public record Snapshot(int step, double[][] generated, double[][] real, double[][] drift) {
    }

    /**
     * @param means         generator mean b per step, {@code [steps + 1][2]} (row 0 = initial)
     * @param covariances   generator covariance A A^T per step, {@code [steps + 1][2][2]}
     * @param losses        drift loss per step (bounded by alpha^2/2 by design, no progress signal)
     * @param rawDriftNorm  mean un-normalised ||V_tau|| per step and temperature, {@code [steps][T]}
     * @param snapshots     point clouds for plots
     */
    public record Trajectory(double[][] means, double[][][] covariances, double[] losses, double[][] rawDriftNorm,
                             List<Snapshot> snapshots) {

        public double[] finalMean() {
            return means[means.length - 1];
        }

        public double[][] finalCovariance() {
            return covariances[covariances.length - 1];
        }
    }

    private ToyDrift2D() {
    }

    public static Trajectory run(Settings s) {
        Random rnd = new Random(s.seed());
        double[][] chol = cholesky(s.targetCovariance());
        double[] params = {s.initialA()[0][0], s.initialA()[0][1], s.initialA()[1][0], s.initialA()[1][1],
                s.initialB()[0], s.initialB()[1]};
        Adam adam = new Adam(params.length, s.learningRate());
        DriftField field = new DriftField(s.drift());
        int n = s.generatedPerStep();

        double[][] means = new double[s.steps() + 1][];
        double[][][] covs = new double[s.steps() + 1][][];
        double[] losses = new double[s.steps()];
        double[][] rawNorms = new double[s.steps()][];
        List<Snapshot> snapshots = new ArrayList<>();
        record(params, 0, means, covs);

        for (int step = 0; step < s.steps(); step++) {
            double[][] eps = new double[n][2];
            double[][] x = new double[n][2];
            for (int i = 0; i < n; i++) {
                eps[i][0] = rnd.nextGaussian();
                eps[i][1] = rnd.nextGaussian();
                x[i][0] = params[0] * eps[i][0] + params[1] * eps[i][1] + params[4];
                x[i][1] = params[2] * eps[i][0] + params[3] * eps[i][1] + params[5];
            }
            double[][] y = new double[s.realPerStep()][2];
            for (double[] yj : y) {
                double z0 = rnd.nextGaussian(), z1 = rnd.nextGaussian();
                yj[0] = s.targetMean()[0] + chol[0][0] * z0;
                yj[1] = s.targetMean()[1] + chol[1][0] * z0 + chol[1][1] * z1;
            }
            DriftResult drift = field.compute(DriftInputs.tokenDrift(x, y, new double[0][], new double[0][], true));
            DriftLoss.Result loss = DriftLoss.evaluate(x, drift.field(), s.drift().alpha());
            losses[step] = loss.value();
            rawNorms[step] = drift.diagnostics().meanRawNorm();
            if (step % s.snapshotEvery() == 0 || step == s.steps() - 1) {
                snapshots.add(new Snapshot(step, x, y, drift.field()));
            }

            double[] grad = new double[6];
            for (int i = 0; i < n; i++) {
                double[] g = loss.gradient()[i];
                grad[0] += g[0] * eps[i][0];
                grad[1] += g[0] * eps[i][1];
                grad[2] += g[1] * eps[i][0];
                grad[3] += g[1] * eps[i][1];
                grad[4] += g[0];
                grad[5] += g[1];
            }
            adam.step(params, grad);
            record(params, step + 1, means, covs);
        }
        return new Trajectory(means, covs, losses, rawNorms, snapshots);
    }

    private static void record(double[] p, int index, double[][] means, double[][][] covs) {
        means[index] = new double[]{p[4], p[5]};
        covs[index] = new double[][]{
                {p[0] * p[0] + p[1] * p[1], p[0] * p[2] + p[1] * p[3]},
                {p[0] * p[2] + p[1] * p[3], p[2] * p[2] + p[3] * p[3]}};
    }

    private static double[][] cholesky(double[][] s) {
        double l00 = Math.sqrt(s[0][0]);
        double l10 = s[1][0] / l00;
        double d = s[1][1] - l10 * l10;
        if (!(l00 > 0) || !(d > 0) || s[0][1] != s[1][0]) {
            throw new IllegalArgumentException("ToyDrift2D: target covariance must be symmetric positive definite");
        }
        return new double[][]{{l00, 0}, {l10, Math.sqrt(d)}};
    }

    /** Plain Adam (Kingma and Ba), enough for six parameters. */
    private static final class Adam {
        private final double lr;
        private final double[] m;
        private final double[] v;
        private int t;

        Adam(int size, double lr) {
            this.lr = lr;
            this.m = new double[size];
            this.v = new double[size];
        }

        void step(double[] params, double[] grad) {
            t++;
            double b1 = 0.9, b2 = 0.999, eps = 1e-8;
            for (int k = 0; k < params.length; k++) {
                m[k] = b1 * m[k] + (1 - b1) * grad[k];
                v[k] = b2 * v[k] + (1 - b2) * grad[k] * grad[k];
                double mHat = m[k] / (1 - Math.pow(b1, t));
                double vHat = v[k] / (1 - Math.pow(b2, t));
                params[k] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
    }
}

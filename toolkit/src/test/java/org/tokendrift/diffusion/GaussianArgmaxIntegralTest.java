package org.tokendrift.diffusion;

import org.junit.jupiter.api.Test;
import org.tokendrift.testing.GradientCheck;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GaussianArgmaxIntegralTest {

    @Test
    void twoCategoriesHaveAClosedForm() {
        // K = 2: P(mu + e1 > e2) = Phi(mu / sqrt 2), so dp/dgamma = phi(mu / sqrt 2) / sqrt 2 · (-mu / 2).
        GaussianArgmaxIntegral integral = new GaussianArgmaxIntegral(2);
        for (double gamma : new double[] {-6, -4, -2, 0, 1, 3}) {
            double mu = Math.exp(-gamma / 2);
            double r = mu / Math.sqrt(2);
            assertEquals(StandardNormal.cdf(r), integral.cleanWinProbability(gamma), 1e-12, "p at " + gamma);
            assertEquals(-StandardNormal.pdf(r) / Math.sqrt(2) * mu / 2, integral.cleanWinProbabilityDerivative(gamma),
                    1e-12, "dp/dgamma at " + gamma);
        }
    }

    @Test
    void smallVocabulariesMatchABruteForceMonteCarloArgmax() {
        SplittableRandom rng = new SplittableRandom(77);
        int n = 200_000;
        for (int k : new int[] {4, 8}) {
            GaussianArgmaxIntegral integral = new GaussianArgmaxIntegral(k);
            for (double gamma : new double[] {-2.5, -1, 0, 1.5}) {
                double signal = Math.sqrt(1 / (1 + Math.exp(gamma)));  // sqrt(sigmoid(-gamma))
                double noise = Math.sqrt(1 / (1 + Math.exp(-gamma)));  // sqrt(sigmoid(gamma))
                int wins = 0;
                for (int i = 0; i < n; i++) {
                    double clean = signal + noise * rng.nextGaussian();
                    boolean win = true;
                    for (int v = 1; v < k && win; v++) {
                        win = noise * rng.nextGaussian() < clean;
                    }
                    wins += win ? 1 : 0;
                }
                double p = integral.cleanWinProbability(gamma);
                double sd = Math.sqrt(p * (1 - p) / n);
                assertEquals(p, wins / (double) n, 5 * sd, "K = " + k + ", gamma = " + gamma);
            }
        }
    }

    @Test
    void reproducesTheReferenceGpt2CacheAndAnIndependentQuadrature() {
        // Values of the shipped GPT-2 cache (K = 50257), research note §B.5, given to 4 decimals. Tolerance: 5e-5
        // for the rounding plus 2.5e-5 because the cache is a nearest-point lookup on a grid of step 4e-5 in gamma
        // (|d alpha / d gamma| <= 0.84 there).
        GaussianArgmaxIntegral gpt2 = new GaussianArgmaxIntegral(50257);
        double[][] table = {{-4.0, 0.9987}, {-3.55, 0.9455}, {-3.5, 0.9283}, {-3.0, 0.5962}, {-2.5, 0.2380},
                {-2.0, 0.0720}, {-1.85, 0.0493}, {-1.75, 0.0383}, {-1.5, 0.0204}, {-1.0, 0.0062}};
        for (double[] row : table) {
            assertEquals(row[1], gpt2.alpha(row[0]), 7.5e-5, "alpha at gamma = " + row[0]);
        }
        assertEquals(-0.835130, gpt2.cleanWinProbabilityDerivative(-3.0), 2e-6);
        // scipy.integrate.quad with log_ndtr (rel. tol 1e-13), computed independently for this project.
        assertEquals(0.5962528456130947, gpt2.alpha(-3.0), 1e-10);
        GaussianArgmaxIntegral k4096 = new GaussianArgmaxIntegral(4096);
        assertEquals(0.7929936716705682, k4096.alpha(-3.0), 1e-10);
        assertEquals(0.193523290525072, k4096.alpha(-2.0), 1e-10);
        assertEquals(0.40270858459068837, new GaussianArgmaxIntegral(4).alpha(0.0), 1e-10);
    }

    @Test
    void gammaRangeForAlphaBetween005And095MatchesTheResearchTable() {
        // research note §B.5: K, gamma at alpha = 0.95, gamma at alpha = 0.05 (3 decimals)
        double[][] rows = {{64, -2.853, 0.755}, {256, -3.054, -0.202}, {1024, -3.219, -0.841},
                {4096, -3.358, -1.292}, {50257, -3.565, -1.855}};
        for (double[] row : rows) {
            GaussianArgmaxIntegral integral = new GaussianArgmaxIntegral((int) row[0]);
            assertEquals(row[1], integral.gammaForAlpha(0.95), 6e-4, "gamma(0.95) for K = " + row[0]);
            assertEquals(row[2], integral.gammaForAlpha(0.05), 6e-4, "gamma(0.05) for K = " + row[0]);
        }
    }

    @Test
    void derivativeIntegralAgreesWithAFiniteDifferenceOfAlpha() {
        GaussianArgmaxIntegral integral = new GaussianArgmaxIntegral(4096);
        double h = 1e-4;
        for (double gamma : new double[] {-3.3, -2.5, -1.4}) {
            double fd = GradientCheck.derivative(integral::alpha, gamma, h);
            assertEquals(fd, integral.alphaDerivative(gamma), 1e-7, "at gamma = " + gamma);
        }
    }
}

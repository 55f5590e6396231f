package org.tokendrift.diffusion;

/**
 * The ancestral samplers' time grid {@code linspace(1, finalTime, steps + 1)} (research note §A.7, §B.7):
 * step {@code i} goes from {@code t = grid[i]} to {@code s = grid[i+1]}; the reference default
 * {@code finalTime = 1e-5}, the state after the loop, is where the final (noise-removal) step runs.
 */
final class SamplingGrid {

    /** Reference final time of the loop. */
    static final double DEFAULT_FINAL_TIME = 1e-5;

    private SamplingGrid() {
    }

    static double[] times(int steps, double finalTime) {
        Checks.positive(steps, "steps");
        if (!(finalTime >= 0.0 && finalTime < 1.0)) {
            throw new IllegalArgumentException("final sampling time must lie in [0, 1), got " + finalTime);
        }
        double[] grid = new double[steps + 1];
        double dt = (1.0 - finalTime) / steps;
        for (int i = 0; i < steps; i++) {
            grid[i] = 1.0 - i * dt;
        }
        grid[steps] = finalTime; // exact end point, no rounding drift
        return grid;
    }
}

package org.tokendrift.nn;

/**
 * Learning rate that rises linearly to {@code peak} over {@code warmupSteps} optimiser steps and
 * then stays constant: {@code lr(n) = peak * min(1, (n + 1) / warmupSteps)} for step n = 0, 1, ...
 * (so the first step already uses a non-zero rate); {@code warmupSteps = 0} means no warm-up.
 */
public record WarmupConstantSchedule(double peak, long warmupSteps) {

    public WarmupConstantSchedule {
        if (!(peak > 0) || Double.isInfinite(peak)) {
            throw new IllegalArgumentException("peak learning rate must be positive and finite, got " + peak);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        }
    }

    public double learningRate(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        if (warmupSteps == 0) {
            return peak;
        }
        return peak * Math.min(1.0, (step + 1.0) / warmupSteps);
    }
}

package org.tokendrift.drift;

import java.util.Arrays;

/**
 * Constants of the drift field and of the fixed-point drift loss. Defaults follow TokenDrift
 * (Oba et al. 2026, §4 and App. F); the source of each value is tagged [P] (paper) or [I] (our
 * choice where the paper is silent).
 *
 * @param temperatures       kernel temperatures T. [P] {0.02, 0.05, 0.2} (TokenDrift §4, same set
 *                           as Deng et al. App. A.6).
 * @param rmsEpsilon         epsilon inside the per-temperature RMS normaliser
 *                           {@code s(tau) = sqrt(mean_i ||V_tau,i||^2 + eps)}. [I] 1e-8: the paper
 *                           names an epsilon but not its value; raw drifts of unit-norm features are
 *                           of order 1e-3..10, so 1e-8 never dominates except at an exact equilibrium
 *                           (V = 0), where it keeps 0/0 from happening.
 * @param attractionWeight   b+ weight in {@code V = w+ * V+ - w- * V-}. [P] 1 (Table 6 default 1:1).
 * @param repulsionWeight    b- weight. [P] 1. Ablations: 1:0, 2:1, 0:1, 1:2.
 * @param squaredDistance    kernel on squared L2 distance {@code exp(-||h-y||^2 / tau)}. [P] true
 *                           (TokenDrift §4); false gives Deng et al.'s plain L2 (Laplace) kernel.
 * @param distanceRescaling  divide all kernel distances by their batch mean before the softmax, as
 *                           Deng et al. App. A.6 do. [I] false: TokenDrift features are L2-normalised
 *                           (squared distances lie in [0, 4]) and the paper does not mention it.
 * @param alpha              drift scale in {@code h* = sg(h + alpha V)}. [P] 1 (App. F).
 */
public record DriftConfig(double[] temperatures, double rmsEpsilon, double attractionWeight,
                          double repulsionWeight, boolean squaredDistance, boolean distanceRescaling,
                          double alpha) {

    public DriftConfig {
        if (temperatures == null || temperatures.length == 0) {
            throw new IllegalArgumentException("DriftConfig: at least one temperature is required");
        }
        temperatures = temperatures.clone();
        for (double t : temperatures) {
            if (!(t > 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("DriftConfig: temperatures must be finite and > 0, got "
                        + Arrays.toString(temperatures));
            }
        }
        if (!(rmsEpsilon >= 0)) {
            throw new IllegalArgumentException("DriftConfig: rmsEpsilon must be >= 0, got " + rmsEpsilon);
        }
        if (!(attractionWeight >= 0) || !(repulsionWeight >= 0) || attractionWeight + repulsionWeight == 0) {
            throw new IllegalArgumentException("DriftConfig: attraction/repulsion weights must be >= 0 and not both 0, got "
                    + attractionWeight + ":" + repulsionWeight);
        }
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("DriftConfig: alpha must be finite, got " + alpha);
        }
    }

    /** Defensive copy: records expose arrays by reference otherwise. */
    @Override
    public double[] temperatures() {
        return temperatures.clone();
    }

    /** The paper's defaults (see the parameter tags). */
    public static DriftConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().temperatures(temperatures).rmsEpsilon(rmsEpsilon)
                .weights(attractionWeight, repulsionWeight).squaredDistance(squaredDistance)
                .distanceRescaling(distanceRescaling).alpha(alpha);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DriftConfig c && Arrays.equals(temperatures, c.temperatures)
                && rmsEpsilon == c.rmsEpsilon && attractionWeight == c.attractionWeight
                && repulsionWeight == c.repulsionWeight && squaredDistance == c.squaredDistance
                && distanceRescaling == c.distanceRescaling && alpha == c.alpha;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(temperatures) * 31 + Double.hashCode(alpha);
    }

    @Override
    public String toString() {
        return "DriftConfig[temperatures=" + Arrays.toString(temperatures) + ", rmsEpsilon=" + rmsEpsilon
                + ", weights=" + attractionWeight + ":" + repulsionWeight + ", squaredDistance=" + squaredDistance
                + ", distanceRescaling=" + distanceRescaling + ", alpha=" + alpha + "]";
    }

    /** Builder pre-filled with the paper's defaults. */
    public static final class Builder {
        private double[] temperatures = {0.02, 0.05, 0.2};
        private double rmsEpsilon = 1e-8;
        private double attractionWeight = 1.0;
        private double repulsionWeight = 1.0;
        private boolean squaredDistance = true;
        private boolean distanceRescaling = false;
        private double alpha = 1.0;

        public Builder temperatures(double... temperatures) {
            this.temperatures = temperatures.clone();
            return this;
        }

        public Builder rmsEpsilon(double rmsEpsilon) {
            this.rmsEpsilon = rmsEpsilon;
            return this;
        }

        /** Attraction : repulsion weights (b+ : b-), e.g. {@code weights(1, 0)} for attraction only. */
        public Builder weights(double attraction, double repulsion) {
            this.attractionWeight = attraction;
            this.repulsionWeight = repulsion;
            return this;
        }

        public Builder squaredDistance(boolean squaredDistance) {
            this.squaredDistance = squaredDistance;
            return this;
        }

        public Builder distanceRescaling(boolean distanceRescaling) {
            this.distanceRescaling = distanceRescaling;
            return this;
        }

        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        public DriftConfig build() {
            return new DriftConfig(temperatures, rmsEpsilon, attractionWeight, repulsionWeight,
                    squaredDistance, distanceRescaling, alpha);
        }
    }
}

package org.tokendrift.drift;

import java.util.Arrays;
import java.util.Locale;

/**
 * Quantities worth logging during drift training. The drift loss itself carries little progress
 * signal by design: every per-temperature field is RMS-normalised, so
 * {@code L = alpha^2/2 * mean_i ||V_i||^2} stays in (0, alpha^2/2] whatever the state of the model
 * (alpha^2/2 exactly when the temperatures agree; Deng et al.'s repo issue #3). Progress must be
 * read from these instead.
 *
 * @param temperatures            the temperatures, in config order
 * @param meanRawNorm             per temperature: mean over anchors of the un-normalised
 *                                {@code ||V_tau,i||}; shrinks as generated features approach real ones
 * @param rmsScale                per temperature: the normaliser {@code s(tau) = sqrt(mean_i ||V_tau,i||^2 + eps)}
 * @param meanSqDistToPositives   mean of {@code ||h_i - u_j||^2} over all anchor-positive pairs
 *                                (self-masked pairs excluded); for unit-norm features it lies in
 *                                [0, 4] and says whether the temperatures are sensibly scaled
 * @param meanSqDistToNegatives   the same over anchor-negative pairs (self-masked pairs excluded),
 *                                NaN when there is no unmasked negative
 * @param kernelDistanceScale     the divisor applied to kernel distances (1 when rescaling is off)
 */
public record DriftDiagnostics(double[] temperatures, double[] meanRawNorm, double[] rmsScale,
                               double meanSqDistToPositives, double meanSqDistToNegatives,
                               double kernelDistanceScale) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < temperatures.length; t++) {
            sb.append(String.format(Locale.ROOT, "|V|@%.3g=%.4g ", temperatures[t], meanRawNorm[t]));
        }
        sb.append(String.format(Locale.ROOT, "d2(h,u)=%.4g d2(h,neg)=%.4g scale=%.4g",
                meanSqDistToPositives, meanSqDistToNegatives, kernelDistanceScale));
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DriftDiagnostics d && Arrays.equals(temperatures, d.temperatures)
                && Arrays.equals(meanRawNorm, d.meanRawNorm) && Arrays.equals(rmsScale, d.rmsScale)
                && Double.compare(meanSqDistToPositives, d.meanSqDistToPositives) == 0
                && Double.compare(meanSqDistToNegatives, d.meanSqDistToNegatives) == 0
                && Double.compare(kernelDistanceScale, d.kernelDistanceScale) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(meanRawNorm);
    }
}

package org.tokendrift.drift;

/**
 * Output of {@link DriftField#compute}.
 *
 * @param field               the final drift V, {@code [N][C]}: the average over temperatures of
 *                            the RMS-normalised per-temperature fields
 * @param rawPerTemperature   the un-normalised per-temperature fields {@code V_tau},
 *                            {@code [T][N][C]}, in config order (for tests and plots)
 * @param diagnostics         scalars to log
 */
public record DriftResult(double[][] field, double[][][] rawPerTemperature, DriftDiagnostics diagnostics) {
}

package org.tokendrift.train;

import org.tokendrift.nn.DiT;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An objective with more to report than its loss, e.g. TokenDrift, whose loss stays near a constant
 * by construction so that progress has to be read from the un-normalised drift norms. The
 * {@link Trainer} writes these quantities to {@code diagnostics.csv} in the run directory, one row
 * per row of {@code log.csv}: training values averaged over the steps since the previous row, and
 * validation values (EMA weights, fixed batches and noise) on the rows where validation ran.
 */
public interface DiagnosedObjective extends Objective {

    /** Column names of the per-step quantities (plain CSV names: no commas). */
    List<String> stepDiagnosticNames();

    /** The quantities of the last {@link #trainStep}, in {@link #stepDiagnosticNames()} order; NaN = not available. */
    double[] lastStepDiagnostics();

    /** Column names of the validation quantities. */
    List<String> validationDiagnosticNames();

    /**
     * The validation quantities over all {@code batches} together. Batch {@code i} must be
     * corrupted with {@code noise.get(i)}, a generator seeded exactly like the one the NELBO
     * validation of that batch used, so both see the same noisy inputs.
     */
    double[] validationDiagnostics(DiT model, List<int[][]> batches, List<RandomGenerator> noise);
}

package org.tokendrift.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code diagnostics.csv} of a {@link DiagnosedObjective}: {@code step}, the objective's per-step
 * quantities averaged over the steps since the previous row (empty on a row with no step, such as
 * a continual run's step 0), and its validation quantities prefixed {@code val_} (empty where no
 * validation ran). Rows are written when the trainer writes {@code log.csv} rows, so the two files
 * line up by step; resume drops rows past the checkpoint as {@link TrainingLog} does.
 */
final class DiagnosticsLog implements AutoCloseable {

    private final DiagnosedObjective objective;
    private final TrainingLog log;
    private final double[] sums;
    private int count;

    private DiagnosticsLog(DiagnosedObjective objective, TrainingLog log) {
        this.objective = objective;
        this.log = log;
        this.sums = new double[objective.stepDiagnosticNames().size()];
    }

    /** The log of {@code objective} in {@code run}, or null if the objective reports no diagnostics. */
    static DiagnosticsLog open(Objective objective, RunDirectory run, long resumeStep) throws IOException {
        if (!(objective instanceof DiagnosedObjective d)) {
            return null;
        }
        List<String> columns = new ArrayList<>();
        columns.add("step");
        columns.addAll(d.stepDiagnosticNames());
        for (String name : d.validationDiagnosticNames()) {
            columns.add("val_" + name);
        }
        return new DiagnosticsLog(d, TrainingLog.open(run.diagnosticsFile(), columns, resumeStep));
    }

    /** Adds the quantities of the step the objective has just taken. */
    void afterStep() {
        double[] values = objective.lastStepDiagnostics();
        if (values.length != sums.length) {
            throw new IllegalStateException("objective reported " + values.length + " step diagnostics for "
                    + sums.length + " names");
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] += values[i];
        }
        count++;
    }

    /** Writes the row of {@code step}; {@code validation} may be null (no validation at this step). */
    void append(long step, double[] validation) throws IOException {
        int nv = objective.validationDiagnosticNames().size();
        double[] row = new double[1 + sums.length + nv];
        row[0] = step;
        for (int i = 0; i < sums.length; i++) {
            row[1 + i] = count == 0 ? Double.NaN : sums[i] / count;
        }
        for (int i = 0; i < nv; i++) {
            row[1 + sums.length + i] = validation == null ? Double.NaN : validation[i];
        }
        log.append(row);
        Arrays.fill(sums, 0);
        count = 0;
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}

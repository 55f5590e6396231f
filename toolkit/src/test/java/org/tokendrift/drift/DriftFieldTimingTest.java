package org.tokendrift.drift;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-checks the plain-Java field against the independent ND4J implementation at the paper's
 * sizes (micro-batch N = 16, P = M = 1040, C = 512, unit-norm features) and reports both timings.
 * Timings are thread CPU time (the build machine is shared), printed for the record; the assertion
 * is on agreement, plus a generous time bound that only catches a pathological regression.
 */
class DriftFieldTimingTest {

    @Test
    void javaFieldAgreesWithNd4jReferenceAtPaperSizesAndIsFastEnough() {
        Random rnd = new Random(71);
        int n = 16, queue = 1024, dim = 512;
        double[][] h = DriftFieldTest.unitRows(DriftFieldTest.gaussian(rnd, n, dim));
        // Generated and real features sit in two nearby clusters, as they do mid-training.
        double[][] u = DriftFieldTest.unitRows(shifted(DriftFieldTest.gaussian(rnd, n, dim), 0.05));
        double[][] qReal = DriftFieldTest.unitRows(shifted(DriftFieldTest.gaussian(rnd, queue, dim), 0.05));
        double[][] qGen = DriftFieldTest.unitRows(DriftFieldTest.gaussian(rnd, queue, dim));
        DriftInputs in = DriftInputs.tokenDrift(h, u, qReal, qGen, true);
        DriftConfig config = DriftConfig.defaults();
        DriftField field = new DriftField(config);

        double[][] java = field.compute(in).field();
        double[][] nd4j = Nd4jDriftReference.field(h, in.positives(), in.negatives(), in.anchorInNegatives(),
                config.temperatures(), config.rmsEpsilon());
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dim; c++) {
                assertEquals(nd4j[i][c], java[i][c], 1e-9, "anchor " + i + " dim " + c);
            }
        }

        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int warmup = 10, reps = 20, nd4jReps = 3;   // the ND4J version is slow; a few calls suffice
        for (int k = 0; k < warmup; k++) {
            field.compute(in);
        }
        long c0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        for (int k = 0; k < reps; k++) {
            field.compute(in);
        }
        double javaCpu = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / reps;
        double javaWall = (System.nanoTime() - w0) / 1e6 / reps;
        long w1 = System.nanoTime();
        for (int k = 0; k < nd4jReps; k++) {
            Nd4jDriftReference.field(h, in.positives(), in.negatives(), in.anchorInNegatives(), config.temperatures(), 1e-8);
        }
        double nd4jWall = (System.nanoTime() - w1) / 1e6 / nd4jReps;   // ND4J work runs on native threads
        System.out.printf(Locale.ROOT, "[DriftFieldTiming] N=%d P=M=%d C=%d T=3: java %.1f ms wall (%.1f ms cpu), nd4j %.1f ms wall%n",
                n, n + queue, dim, javaWall, javaCpu, nd4jWall);
        assertTrue(javaCpu < 2000, "drift field took " + javaCpu + " ms per call");
    }

    private static double[][] shifted(double[][] m, double shift) {
        for (double[] row : m) {
            row[0] += shift * Math.sqrt(row.length);
        }
        return m;
    }
}

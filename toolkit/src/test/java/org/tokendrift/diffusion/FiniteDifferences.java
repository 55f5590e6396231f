package org.tokendrift.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Central finite differences on float64 logits, compared entry by entry with an analytic gradient. */
final class FiniteDifferences {

    private FiniteDifferences() {
    }

    static void assertGradient(INDArray logits, INDArray analytic, ToDoubleFunction<INDArray> loss, double h,
                               double tolerance) {
        INDArray work = logits.dup();
        for (int r = 0; r < work.rows(); r++) {
            for (int c = 0; c < work.columns(); c++) {
                double original = work.getDouble(r, c);
                work.putScalar(r, c, original + h);
                double up = loss.applyAsDouble(work);
                work.putScalar(r, c, original - h);
                double down = loss.applyAsDouble(work);
                work.putScalar(r, c, original);
                double numeric = (up - down) / (2 * h);
                double expected = analytic.getDouble(r, c);
                assertEquals(numeric, expected, tolerance * (1.0 + Math.abs(numeric)),
                        "d loss / d logits[" + r + "][" + c + "]");
            }
        }
    }
}

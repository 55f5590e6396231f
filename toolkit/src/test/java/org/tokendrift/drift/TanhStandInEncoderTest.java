package org.tokendrift.drift;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tokendrift.testing.GradientCheck;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

class TanhStandInEncoderTest {

    @Test
    void backwardMatchesFiniteDifferences() {
        Random rnd = new Random(31);
        int batch = 2, seqLen = 3, d = 4;
        TanhStandInEncoder enc = new TanhStandInEncoder(5, d, seqLen, 7, DataType.DOUBLE);
        INDArray x = GradientCheck.gaussian(rnd, batch * seqLen, d, 1.0);
        INDArray probePen = GradientCheck.gaussian(rnd, batch * seqLen, d, 1.0);
        INDArray probeLast = GradientCheck.gaussian(rnd, batch * seqLen, d, 1.0);
        INDArray analytic = enc.encode(x, null).backward(probePen, probeLast);
        double[][] numeric = GradientCheck.numericGradient(x, v -> {
            FeatureEncoder.EncoderPass p = enc.encode(v, null);
            return GradientCheck.dot(p.penultimateHidden(), probePen)
                    + GradientCheck.dot(p.lastHidden(), probeLast);
        });
        GradientCheck.assertClose(numeric, analytic.toDoubleMatrix(), 1e-7, "dEmbeddings");
        // Positions interact: the last hidden state of position 0 depends on position 2's input.
        INDArray y = x.dup();
        y.putScalar(2, 0, y.getDouble(2, 0) + 1.0);
        double change = enc.encode(y, null).lastHidden().getRow(0).sub(enc.encode(x, null).lastHidden().getRow(0))
                .norm2Number().doubleValue();
        assertTrue(change > 1e-3, "the stand-in must mix positions, change = " + change);
        assertTrue(probePen.equals(probePen.dup()));
    }
}

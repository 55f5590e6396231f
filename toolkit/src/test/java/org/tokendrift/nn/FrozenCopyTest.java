package org.tokendrift.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.testing.GradientCheck;

/**
 * The two-model step of TokenDrift: generator forward, frozen encoder on soft input (with grad),
 * frozen encoder on clean input (no grad), encoder backward to its input, generator backward,
 * optimiser step. The frozen copy must stay bitwise unchanged while gradients flow through it.
 */
class FrozenCopyTest {
    private static final int[][] TOKENS = {{1, 4, 4, 10, 0, 2}, {3, 3, 7, 4, 2, 9}};

    private static DiTConfig cfg() {
        return DiTConfig.builder().vocabSize(11).seqLen(6).width(8).layers(2).heads(2).condDim(6)
                .mlpRatio(2).dropout(0.1).dtype(DataType.FLOAT).build();
    }

    @Test
    void frozenCopyNeverChangesButPassesGradientToItsInput() {
        DiT generator = new DiT(cfg(), 1);
        DiT encoderSource = new DiT(cfg(), 2);
        GradientCheck.randomize(encoderSource.parameters(), 3, 0.3);
        GradientCheck.randomize(generator.parameters(), 4, 0.3);
        DiT frozen = encoderSource.frozenCopy();
        Map<String, INDArray> before = new HashMap<>();
        for (Param p : frozen.parameters().all()) {
            before.put(p.name(), p.value().dup());
            assertFalse(p.trainable());
        }
        AdamW opt = new AdamW(AdamWConfig.builder().build(), generator.parameters());
        long n = 2L * cfg().seqLen();

        long[] bytesAfterFirstStep = null;
        for (int step = 0; step < 4; step++) {
            DiT.Pass gen = generator.forward(TOKENS, null, true);
            INDArray probs = Nd4j.exec(new SoftMax(gen.logits(), gen.logits().ulike(), 1))[0];
            INDArray softEmb = probs.mmul(frozen.embeddingMatrix());
            DiT.Pass soft = frozen.forwardEmbeddings(softEmb, null, false);
            DiT.Pass clean = frozen.forward(TOKENS, null, false);
            // feature matching loss 0.5 ||h_soft - h_clean||^2 on the last hidden state
            INDArray dLast = soft.lastHidden().sub(clean.lastHidden());
            clean.close();
            INDArray dEmb = soft.backward(null, null, dLast);
            assertTrue(dEmb.norm2Number().doubleValue() > 0, "gradient must reach the frozen model's input");
            INDArray dProbs = dEmb.mmul(frozen.embeddingMatrix().transpose());
            // softmax backward: dz = p * (dp - sum(dp * p))
            INDArray rowDot = dProbs.mul(probs).sum(true, 1);
            INDArray dLogits = probs.mul(dProbs.subColumnVector(rowDot));
            soft.close();
            gen.backward(dLogits, null, null);
            gen.close();
            GradientClipping.clipGlobalNorm(generator.parameters(), 1.0);
            opt.step(1e-2);
            long[] bytes = {generator.bufferBytes(), frozen.bufferBytes()};
            if (bytesAfterFirstStep == null) {
                bytesAfterFirstStep = bytes;
            }
            assertEquals(bytesAfterFirstStep[0], bytes[0], "generator buffers must not grow after the first step");
            assertEquals(bytesAfterFirstStep[1], bytes[1], "frozen encoder buffers must not grow after the first step");
        }
        for (Param p : frozen.parameters().all()) {
            assertEquals(before.get(p.name()), p.value(), "frozen parameter " + p.name() + " changed");
        }
        assertThrows(IllegalStateException.class, () -> frozen.grad("embed.weight"));
        assertThrows(IllegalArgumentException.class, () -> new AdamW(AdamWConfig.builder().build(), frozen.parameters()));
    }

    @Test
    void frozenInputGradientEqualsTrainableInputGradient() {
        DiT model = new DiT(cfg().withDropout(0.0), 5);
        GradientCheck.randomize(model.parameters(), 6, 0.3);
        DiT frozen = model.frozenCopy();
        INDArray r = GradientCheck.randn(7, 12, 11).castTo(DataType.FLOAT);
        INDArray a;
        try (DiT.Pass p = model.forward(TOKENS, null, false)) {
            a = p.backward(r, null, null).dup();
        }
        try (DiT.Pass p = frozen.forward(TOKENS, null, false)) {
            INDArray b = p.backward(r, null, null);
            assertTrue(a.equalsWithEps(b, 1e-6), "frozen and trainable models must agree on dEmb");
        }
    }
}

package org.tokendrift.diffusion;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.DiTConfig;
import org.tokendrift.nn.Param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiTDenoiserTest {

    private static DiT model(boolean causal) {
        DiT model = new DiT(DiTConfig.builder().vocabSize(9).seqLen(5).width(8).layers(1).heads(2).condDim(4).mlpRatio(2)
                .dropout(0.0).timeConditioning(true).causal(causal).dtype(DataType.DOUBLE).build(), 1);
        // Non-zero output layer, else every input gives the same (zero) logits and the test proves nothing.
        Nd4j.getRandom().setSeed(2);
        for (Param p : model.parameters().all()) {
            p.value().assign(Nd4j.rand(DataType.DOUBLE, p.value().shape()).subi(0.5));
        }
        return model;
    }

    @Test
    void oneHotProbabilitiesGiveTheLogitsOfTheHardTokens() {
        DiTDenoiser denoiser = new DiTDenoiser(model(false));
        int[][] tokens = {{0, 3, 8, 3, 1}, {5, 5, 2, 7, 4}};
        double[] sigma = {0.7, 2.0};
        INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, 10, 9);
        for (int b = 0; b < 2; b++) {
            for (int l = 0; l < 5; l++) {
                oneHot.putScalar(b * 5 + l, tokens[b][l], 1.0);
            }
        }
        INDArray hard = denoiser.logits(tokens, sigma).dup();
        INDArray soft = denoiser.logitsFromProbabilities(oneHot, 2, 5, sigma).dup();
        assertEquals(0.0, hard.sub(soft).amaxNumber().doubleValue(), 1e-12);
        assertTrue(hard.stdNumber().doubleValue() > 1e-3, "logits should vary");

        INDArray mixed = oneHot.dup().muli(0.5).addi(0.5 / 9);   // not one-hot: must give other logits
        INDArray blurred = denoiser.logitsFromProbabilities(mixed, 2, 5, sigma);
        assertTrue(hard.sub(blurred).amaxNumber().doubleValue() > 1e-6);
    }

    @Test
    void aCausalNetworkIsNotADenoiser() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DiTDenoiser(model(true)));
        assertTrue(e.getMessage().contains("causal"), e.getMessage());
    }
}

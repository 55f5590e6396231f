package org.tokendrift.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** A tiny float32 model memorises one masked batch: the loss must fall far below its start. */
class OverfitTest {
    @Test
    void tinyModelOverfitsFixedBatch() {
        DiTConfig cfg = DiTConfig.builder().vocabSize(12).seqLen(8).width(16).layers(2).heads(2).condDim(8)
                .mlpRatio(2).dropout(0.0).timeConditioning(true).dtype(DataType.FLOAT).build();
        DiT model = new DiT(cfg, 11);
        int mask = 11;
        int[][] clean = {{1, 2, 3, 4, 5, 6, 7, 8}, {8, 7, 6, 5, 4, 3, 2, 1}, {2, 10, 4, 9, 6, 8, 8, 7}, {9, 1, 9, 1, 9, 1, 9, 1}};
        int[][] noisy = new int[4][];
        int[] targets = new int[32];
        double[] weights = new double[32];
        for (int b = 0; b < 4; b++) {
            noisy[b] = clean[b].clone();
            for (int l = 0; l < 8; l++) {
                if ((b + l) % 2 == 0) {
                    noisy[b][l] = mask;
                    weights[b * 8 + l] = 1.0;
                }
                targets[b * 8 + l] = clean[b][l];
            }
        }
        double[] sigma = {0.5, 1.0, 1.5, 2.0};
        WeightedCrossEntropy head = new WeightedCrossEntropy(mask);
        AdamW opt = new AdamW(AdamWConfig.builder().build(), model.parameters());
        WarmupConstantSchedule lr = new WarmupConstantSchedule(1e-2, 5);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 100; step++) {
            try (DiT.Pass pass = model.forward(noisy, sigma, true)) {
                CrossEntropyResult r = head.compute(pass.logits(), targets, weights, 16);
                pass.backward(r.dLogits(), null, null);
                last = r.value();
                if (step == 0) {
                    first = r.value();
                }
            }
            GradientClipping.clipGlobalNorm(model.parameters(), 1.0);
            opt.step(lr.learningRate(step));
        }
        System.out.printf("overfit: loss %.4f -> %.4f after 100 steps%n", first, last);
        assertTrue(Math.abs(first - Math.log(11)) < 1e-5, "fresh model predicts uniformly over 11 classes: " + first);
        assertTrue(last < 0.2 * first, "loss fell only from " + first + " to " + last + "; " + Arrays.toString(sigma));
    }
}

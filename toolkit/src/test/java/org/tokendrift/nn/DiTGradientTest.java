package org.tokendrift.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tokendrift.testing.GradientCheck;

/**
 * Whole-model float64 gradient checks on a tiny DiT (V=11, L=5, d=8, 2 layers, 2 heads), with a
 * loss that reads the logits and both exposed hidden states:
 * {@code L = sum(logits * R1) + sum(hPen * R2) + sum(hLast * R3)}.
 */
class DiTGradientTest {
    private static final double TOL = 1e-5;

    private static DiTConfig tiny(boolean causal, boolean time) {
        return DiTConfig.builder().vocabSize(11).seqLen(5).width(8).layers(2).heads(2).condDim(6)
                .mlpRatio(4).dropout(0.0).causal(causal).timeConditioning(time).dtype(DataType.DOUBLE).build();
    }

    private static final int[][] TOKENS = {{1, 4, 4, 10, 0}, {3, 3, 7, 4, 2}};

    /**
     * @param only parameter names to check ({@code null} = every tensor); a few entries of each are
     *             sampled to keep the test fast
     */
    private void checkWholeModel(boolean causal, boolean time, boolean softInput, java.util.Set<String> only, int entries) {
        DiTConfig cfg = tiny(causal, time);
        DiT model = new DiT(cfg, 7);
        GradientCheck.randomize(model.parameters(), 100, 0.4);
        double[] sigma = time ? new double[] {0.5, 3.0} : null;
        long n = 2L * cfg.seqLen();
        INDArray r1 = GradientCheck.randn(1, n, cfg.vocabSize());
        INDArray r2 = GradientCheck.randn(2, n, cfg.width());
        INDArray r3 = GradientCheck.randn(3, n, cfg.width());
        INDArray emb = GradientCheck.randn(4, n, cfg.width());
        DoubleSupplier loss = () -> {
            try (DiT.Pass p = softInput ? model.forwardEmbeddings(emb, sigma, false) : model.forward(TOKENS, sigma, false)) {
                return GradientCheck.dot(p.logits(), r1) + GradientCheck.dot(p.penultimateHidden(), r2)
                        + GradientCheck.dot(p.lastHidden(), r3);
            }
        };
        DiT.Pass pass = softInput ? model.forwardEmbeddings(emb, sigma, false) : model.forward(TOKENS, sigma, false);
        INDArray dEmb = pass.backward(r1, r2, r3).dup();
        pass.close();
        String label = (causal ? "causal" : "bidir") + (time ? "+time" : "") + (softInput ? " soft" : " hard");
        double worst = 0;
        for (Param p : model.parameters().all()) {
            if (only != null && !only.contains(p.name())) {
                continue;
            }
            double err = GradientCheck.maxRelativeError(p.value(), p.grad().dup(), loss, entries, p.name().hashCode());
            worst = Math.max(worst, err);
            assertTrue(err < TOL, label + " " + p.name() + ": max relative error " + err);
        }
        System.out.printf("gradcheck whole model %-22s params max rel err %.2e%n", label, worst);
        if (softInput) {
            double err = GradientCheck.maxRelativeError(emb, dEmb, loss, 16, 9);
            System.out.printf("gradcheck whole model %-22s dEmb   max rel err %.2e%n", label, err);
            assertTrue(err < TOL, label + " dEmb: max relative error " + err);
        }
    }

    @Test
    void bidirectionalHardTokens() {
        checkWholeModel(false, false, false, java.util.Set.of("embed.weight", "block0.attn.qkv.weight",
                "block1.mlp.fc1.bias", "block1.adaLN.weight", "final.out.weight"), 6);
    }

    @Test
    void causalTimeConditionedSoftInput() {
        checkWholeModel(true, true, true, null, 2);
    }

    @Test
    void hardTokenForwardEqualsSoftForwardOfOneHotEmbeddings() {
        DiTConfig cfg = tiny(false, false);
        DiT model = new DiT(cfg, 3);
        GradientCheck.randomize(model.parameters(), 5, 0.4);
        INDArray hard;
        try (DiT.Pass p = model.forward(TOKENS, null, false)) {
            hard = p.logits().dup();
        }
        INDArray emb = GradientCheck.randn(0, 10, cfg.width());
        for (int b = 0; b < 2; b++) {
            for (int l = 0; l < 5; l++) {
                emb.getRow(b * 5L + l).assign(model.embeddingMatrix().getRow(TOKENS[b][l]));
            }
        }
        try (DiT.Pass p = model.forwardEmbeddings(emb, null, false)) {
            assertTrue(hard.equalsWithEps(p.logits(), 1e-12));
        }
        try (DiT.Pass p = model.infer(TOKENS, null)) {
            assertTrue(hard.equalsWithEps(p.logits(), 1e-12), "infer() must match forward()");
        }
    }

    @Test
    void freshModelPredictsUniformAndBlocksAreIdentity() {
        DiTConfig cfg = tiny(false, false);
        DiT model = new DiT(cfg, 3);
        try (DiT.Pass p = model.forward(TOKENS, null, true)) {
            assertEquals(0.0, p.logits().amaxNumber().doubleValue(), 0.0);
            INDArray x0 = model.embeddingMatrix().getRow(TOKENS[1][2]);
            assertTrue(p.lastHidden().getRow(7).equalsWithEps(x0, 0.0), "zero gates make every block the identity");
        }
    }

    @Test
    void hiddenAtEachDepthIsTheBlockChainAndInferKeepsOnlyTheLastTwo() {
        DiTConfig cfg = DiTConfig.builder().vocabSize(11).seqLen(5).width(8).layers(3).heads(2).condDim(6)
                .mlpRatio(4).dropout(0.0).causal(false).timeConditioning(false).dtype(DataType.DOUBLE).build();
        DiT model = new DiT(cfg, 5);
        GradientCheck.randomize(model.parameters(), 101, 0.4);
        INDArray depth0;
        INDArray depth1;
        try (DiT.Pass p = model.forward(TOKENS, null, false)) {
            assertTrue(p.hidden(0).getRow(7).equalsWithEps(model.embeddingMatrix().getRow(TOKENS[1][2]), 0.0),
                    "depth 0 is the input embedding");
            assertTrue(p.hidden(3).equalsWithEps(p.lastHidden(), 0.0));
            assertTrue(p.hidden(2).equalsWithEps(p.penultimateHidden(), 0.0));
            assertTrue(!p.hidden(1).equalsWithEps(p.hidden(2), 1e-6), "each block changes the hidden state");
            depth0 = p.hidden(0).dup();
            depth1 = p.hidden(1).dup();
            assertThrows(IllegalArgumentException.class, () -> p.hidden(4));
        }
        try (DiT.Pass p = model.infer(TOKENS, null)) {
            assertTrue(p.hidden(0).equalsWithEps(depth0, 0.0));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.hidden(1));
            assertTrue(e.getMessage().contains("depth 1"), e.getMessage());
        }
        assertTrue(depth1.rows() == 10 && depth1.columns() == 8);
    }

    @Test
    void clearErrorsForBadInput() {
        DiT model = new DiT(tiny(false, false), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(new int[][] {{1, 2, 3}}, null, false));
        assertTrue(e.getMessage().contains("seqLen"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.forward(new int[][] {{1, 2, 3, 4, 11}}, null, false));
        assertTrue(e.getMessage().contains("outside the vocabulary"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.forward(TOKENS, new double[] {1, 2}, false));
        assertTrue(e.getMessage().contains("timeConditioning"), e.getMessage());
        DiT timed = new DiT(tiny(false, true), 1);
        e = assertThrows(IllegalArgumentException.class, () -> timed.forward(TOKENS, null, false));
        assertTrue(e.getMessage().contains("sigma"), e.getMessage());
    }

    @Test
    void reusedPassFailsLoudly() {
        DiT model = new DiT(tiny(false, false), 1);
        DiT.Pass first = model.forward(TOKENS, null, false);
        model.forward(TOKENS, null, false);
        model.forward(TOKENS, null, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, first::logits);
        assertTrue(e.getMessage().contains("reused"), e.getMessage());
    }
}

package org.tokendrift.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.testing.GradientCheck;

/** Float64 finite-difference checks of each layer's hand-written backward. */
class LayerGradientTest {
    private static final DataType D = DataType.DOUBLE;
    private static final double TOL = 1e-5;

    private static void report(String what, double err) {
        System.out.printf("gradcheck %-40s max rel err %.2e%n", what, err);
        assertTrue(err < TOL, what + ": max relative error " + err + " >= " + TOL);
    }

    private static DiTConfig tiny(boolean causal) {
        return DiTConfig.builder().vocabSize(11).seqLen(5).width(8).layers(2).heads(2).condDim(6)
                .mlpRatio(4).dropout(0.0).causal(causal).dtype(D).build();
    }

    @Test
    void linearWithBias() {
        ParameterStore store = new ParameterStore(D, true, 1);
        Linear lin = new Linear(store, "lin", 4, 3, true, Linear.Init.DEFAULT);
        Buffers scratch = new Buffers(D);
        INDArray x = GradientCheck.randn(2, 6, 4);
        INDArray r = GradientCheck.randn(3, 6, 3);
        INDArray y = Nd4j.create(D, 6, 3);
        java.util.function.DoubleSupplier loss = () -> { lin.forward(x, y); return GradientCheck.dot(y, r); };
        loss.getAsDouble();
        INDArray dx = Nd4j.create(D, 6, 4);
        lin.backward(x, r, dx, 0.0, scratch);
        report("linear dx", GradientCheck.maxRelativeError(x, dx, loss, 12, 1));
        report("linear dW", GradientCheck.maxRelativeError(store.require("lin.weight").value(), store.gradOf("lin.weight"), loss, 12, 1));
        report("linear db", GradientCheck.maxRelativeError(store.require("lin.bias").value(), store.gradOf("lin.bias"), loss, 12, 1));
    }

    @Test
    void tokenEmbeddingScatterAddWithRepeatedIds() {
        ParameterStore store = new ParameterStore(D, true, 1);
        TokenEmbedding emb = new TokenEmbedding(store, "embed", 7, 4);
        INDArray ids = Nd4j.createFromArray(new int[] {3, 1, 3, 3, 0, 6, 1, 3});
        INDArray out = Nd4j.create(D, 8, 4);
        INDArray r = GradientCheck.randn(4, 8, 4);
        java.util.function.DoubleSupplier loss = () -> { emb.forward(ids, out); return GradientCheck.dot(out, r); };
        loss.getAsDouble();
        emb.backward(ids, r);
        report("embedding dE (scatter-add)", GradientCheck.maxRelativeError(emb.table(), store.gradOf("embed.weight"), loss, 12, 1));
    }

    @Test
    void modulatedLayerNorm() {
        ParameterStore store = new ParameterStore(D, true, 1);
        ModulatedLayerNorm norm = new ModulatedLayerNorm(store, "norm", 6);
        store.require("norm.weight").value().assign(GradientCheck.randn(9, 1, 6).addi(1));
        Buffers saved = new Buffers(D), scratch = new Buffers(D);
        int b = 2, l = 3;
        INDArray x = GradientCheck.randn(5, b * l, 6).muli(2).addi(0.5);
        INDArray shift = GradientCheck.randn(6, b, 6), scale = GradientCheck.randn(7, b, 6);
        INDArray r = GradientCheck.randn(8, b * l, 6);
        INDArray y = Nd4j.create(D, b * l, 6);
        java.util.function.DoubleSupplier loss = () -> {
            norm.forward(x, shift, scale, saved, "n", scratch, y);
            return GradientCheck.dot(y, r);
        };
        loss.getAsDouble();
        INDArray dShift = Nd4j.create(D, b, 6), dScale = Nd4j.create(D, b, 6), dx = Nd4j.create(D, b * l, 6);
        norm.backward(r, scale, saved, "n", scratch, dShift, dScale, dx, false);
        report("layernorm+adaLN dx", GradientCheck.maxRelativeError(x, dx, loss, 12, 1));
        report("layernorm+adaLN dshift", GradientCheck.maxRelativeError(shift, dShift, loss, 12, 1));
        report("layernorm+adaLN dscale", GradientCheck.maxRelativeError(scale, dScale, loss, 12, 1));
        report("layernorm weight", GradientCheck.maxRelativeError(store.require("norm.weight").value(), store.gradOf("norm.weight"), loss, 12, 1));
    }

    @Test
    void modulationLinearChunks() {
        ParameterStore store = new ParameterStore(D, true, 1);
        Modulation mod = new Modulation(store, "mod", 5, 4, 3);
        GradientCheck.randomize(store, 3, 0.5);
        Buffers scratch = new Buffers(D);
        INDArray c = GradientCheck.randn(1, 2, 5);
        INDArray r = GradientCheck.randn(2, 3, 2, 4);
        INDArray out = Nd4j.create(D, 3, 2, 4), raw = Nd4j.create(D, 2, 12);
        java.util.function.DoubleSupplier loss = () -> { mod.forward(c, raw, out); return GradientCheck.dot(out, r); };
        loss.getAsDouble();
        INDArray dc = Nd4j.zeros(D, 2, 5);
        mod.backward(c, r, dc, scratch);
        report("adaLN modulation dc", GradientCheck.maxRelativeError(c, dc, loss, 12, 1));
        report("adaLN modulation dW", GradientCheck.maxRelativeError(store.require("mod.weight").value(), store.gradOf("mod.weight"), loss, 12, 1));
        report("adaLN modulation db", GradientCheck.maxRelativeError(store.require("mod.bias").value(), store.gradOf("mod.bias"), loss, 12, 1));
    }

    private void attention(boolean causal) {
        DiTConfig cfg = tiny(causal);
        ParameterStore store = new ParameterStore(D, true, 1);
        RotaryEmbedding rope = new RotaryEmbedding(cfg.seqLen(), cfg.headDim(), D);
        SelfAttention attn = new SelfAttention(store, "attn", cfg, rope);
        Buffers saved = new Buffers(D), scratch = new Buffers(D);
        int b = 2;
        long n = (long) b * cfg.seqLen();
        INDArray a = GradientCheck.randn(11, n, cfg.width());
        INDArray r = GradientCheck.randn(12, n, cfg.width());
        INDArray out = Nd4j.create(D, n, cfg.width());
        java.util.function.DoubleSupplier loss = () -> { attn.forward(a, b, saved, "a", scratch, out); return GradientCheck.dot(out, r); };
        loss.getAsDouble();
        INDArray dA = Nd4j.create(D, n, cfg.width());
        attn.backward(r, a, b, saved, "a", scratch, dA);
        String kind = causal ? "causal" : "bidirectional";
        report("RoPE attention " + kind + " da", GradientCheck.maxRelativeError(a, dA, loss, 12, 1));
        report("RoPE attention " + kind + " dWqkv", GradientCheck.maxRelativeError(store.require("attn.qkv.weight").value(), store.gradOf("attn.qkv.weight"), loss, 12, 1));
        report("RoPE attention " + kind + " dWo", GradientCheck.maxRelativeError(store.require("attn.proj.weight").value(), store.gradOf("attn.proj.weight"), loss, 12, 1));
    }

    @Test
    void ropeAttentionBidirectional() {
        attention(false);
    }

    @Test
    void ropeAttentionCausal() {
        attention(true);
    }

    @Test
    void causalAttentionIgnoresFuturePositions() {
        DiTConfig cfg = tiny(true);
        ParameterStore store = new ParameterStore(D, true, 1);
        SelfAttention attn = new SelfAttention(store, "attn", cfg, new RotaryEmbedding(cfg.seqLen(), cfg.headDim(), D));
        Buffers saved = new Buffers(D), scratch = new Buffers(D);
        INDArray a = GradientCheck.randn(11, cfg.seqLen(), cfg.width());
        INDArray out1 = Nd4j.create(D, cfg.seqLen(), cfg.width());
        attn.forward(a, 1, saved, "a", scratch, out1);
        INDArray before = out1.getRow(2).dup();
        a.getRow(4).addi(3.0);
        attn.forward(a, 1, saved, "a", scratch, out1);
        assertTrue(before.equalsWithEps(out1.getRow(2), 1e-12), "position 2 must not see position 4");
        assertTrue(out1.getRow(4).distance2(before) > 0);
    }

    @Test
    void ropeRotatesHalvesLikeNeoX() {
        RotaryEmbedding rope = new RotaryEmbedding(3, 4, D);
        INDArray q = Nd4j.createFromArray(new double[] {1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4}).reshape(1, 3, 4);
        INDArray out = Nd4j.create(D, 1, 3, 4);
        rope.apply(q, out, new Buffers(D));
        // position 2, pair i=0 has angle 2; pair i=1 has angle 2 * 10000^(-1/2) = 0.02
        double t0 = 2.0, t1 = 0.02;
        double[] expected = {1 * Math.cos(t0) - 3 * Math.sin(t0), 2 * Math.cos(t1) - 4 * Math.sin(t1),
                3 * Math.cos(t0) + 1 * Math.sin(t0), 4 * Math.cos(t1) + 2 * Math.sin(t1)};
        for (int j = 0; j < 4; j++) {
            assertTrue(Math.abs(out.getDouble(0, 2, j) - expected[j]) < 1e-12, "rope entry " + j);
        }
    }

    @Test
    void geluTanhMlp() {
        ParameterStore store = new ParameterStore(D, true, 1);
        FeedForward mlp = new FeedForward(store, "mlp", 4, 16);
        Buffers saved = new Buffers(D), scratch = new Buffers(D);
        INDArray x = GradientCheck.randn(21, 6, 4).muli(2);
        INDArray r = GradientCheck.randn(22, 6, 4);
        INDArray y = Nd4j.create(D, 6, 4);
        java.util.function.DoubleSupplier loss = () -> { mlp.forward(x, saved, "m", y); return GradientCheck.dot(y, r); };
        loss.getAsDouble();
        INDArray dx = Nd4j.create(D, 6, 4);
        mlp.backward(r, x, saved, "m", scratch, dx);
        report("GELU-tanh MLP dx", GradientCheck.maxRelativeError(x, dx, loss, 12, 1));
        report("GELU-tanh MLP dW1", GradientCheck.maxRelativeError(store.require("mlp.fc1.weight").value(), store.gradOf("mlp.fc1.weight"), loss, 12, 1));
        report("GELU-tanh MLP db2", GradientCheck.maxRelativeError(store.require("mlp.fc2.bias").value(), store.gradOf("mlp.fc2.bias"), loss, 12, 1));
    }

    @Test
    void geluTanhValue() {
        INDArray x = Nd4j.createFromArray(new double[] {-2, -0.5, 0, 1, 3});
        INDArray s = x.ulike(), y = x.ulike();
        GeluTanh.forward(x, s, y);
        for (int i = 0; i < 5; i++) {
            double v = x.getDouble(i);
            double ref = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
            assertTrue(Math.abs(y.getDouble(i) - ref) < 1e-12, "gelu(" + v + ")");
        }
    }

    @Test
    void timestepMlp() {
        ParameterStore store = new ParameterStore(D, true, 1);
        TimestepEmbedder te = new TimestepEmbedder(store, "time", 6);
        Buffers saved = new Buffers(D), scratch = new Buffers(D);
        double[] sigma = {0.3, 2.5, 7.0};
        INDArray r = GradientCheck.randn(31, 3, 6);
        java.util.function.DoubleSupplier loss = () -> GradientCheck.dot(te.forward(sigma, 3, saved), r);
        loss.getAsDouble();
        te.backward(r, saved, scratch);
        report("timestep MLP dW1", GradientCheck.maxRelativeError(store.require("time.fc1.weight").value(), store.gradOf("time.fc1.weight"), loss, 12, 1));
        report("timestep MLP db1", GradientCheck.maxRelativeError(store.require("time.fc1.bias").value(), store.gradOf("time.fc1.bias"), loss, 12, 1));
        report("timestep MLP dW2", GradientCheck.maxRelativeError(store.require("time.fc2.weight").value(), store.gradOf("time.fc2.weight"), loss, 12, 1));
    }

    @Test
    void outputLayer() {
        DiTConfig cfg = tiny(false);
        ParameterStore store = new ParameterStore(D, true, 1);
        FinalLayer fin = new FinalLayer(store, "final", cfg);
        GradientCheck.randomize(store, 41, 0.5);
        Buffers saved = new Buffers(D), scratch = new Buffers(D);
        int b = 2;
        long n = (long) b * cfg.seqLen();
        INDArray x = GradientCheck.randn(42, n, cfg.width());
        INDArray c = GradientCheck.randn(43, b, cfg.condDim());
        INDArray r = GradientCheck.randn(44, n, cfg.vocabSize());
        INDArray logits = Nd4j.create(D, n, cfg.vocabSize());
        java.util.function.DoubleSupplier loss = () -> { fin.forward(x, c, b, saved, scratch, logits); return GradientCheck.dot(logits, r); };
        loss.getAsDouble();
        INDArray dx = Nd4j.create(D, n, cfg.width()), dc = Nd4j.zeros(D, b, cfg.condDim());
        fin.backward(r, c, b, saved, scratch, dx, dc);
        report("output layer dx", GradientCheck.maxRelativeError(x, dx, loss, 12, 1));
        report("output layer dc", GradientCheck.maxRelativeError(c, dc, loss, 12, 1));
        report("output layer dWout", GradientCheck.maxRelativeError(store.require("final.out.weight").value(), store.gradOf("final.out.weight"), loss, 12, 1));
        report("output layer dbout", GradientCheck.maxRelativeError(store.require("final.out.bias").value(), store.gradOf("final.out.bias"), loss, 12, 1));
    }
}

package org.tokendrift.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The block MLP {@code y = W2 gelu_tanh(W1 x + b1) + b2}, d -> mlpRatio*d -> d, both layers with
 * bias. Backward chains {@link Linear} and {@link GeluTanh}.
 */
final class FeedForward {
    private final Linear fc1;
    private final Linear fc2;
    private final int hidden;

    FeedForward(ParameterStore store, String name, int width, int hidden) {
        this.hidden = hidden;
        this.fc1 = new Linear(store, name + ".fc1", width, hidden, true, Linear.Init.DEFAULT);
        this.fc2 = new Linear(store, name + ".fc2", hidden, width, true, Linear.Init.DEFAULT);
    }

    void forward(INDArray x, Buffers saved, String prefix, INDArray y) {
        long n = x.rows();
        INDArray h = saved.get(prefix + ".h", n, hidden);
        INDArray s = saved.get(prefix + ".s", n, hidden);
        INDArray g = saved.get(prefix + ".g", n, hidden);
        fc1.forward(x, h);
        GeluTanh.forward(h, s, g);
        fc2.forward(g, y);
    }

    /** dx receives dL/dx [N, d]. */
    void backward(INDArray dy, INDArray x, Buffers saved, String prefix, Buffers scratch, INDArray dx) {
        long n = x.rows();
        INDArray h = saved.get(prefix + ".h", n, hidden);
        INDArray s = saved.get(prefix + ".s", n, hidden);
        INDArray g = saved.get(prefix + ".g", n, hidden);
        INDArray dG = scratch.get("mlp.dG", n, hidden);
        INDArray t = scratch.get("mlp.t", n, hidden);
        INDArray ts = scratch.get("mlp.ts", n, hidden);
        fc2.backward(g, dy, dG, 0.0, scratch);
        GeluTanh.backward(dG, h, s, t, ts, dG);
        fc1.backward(x, dG, dx, 0.0, scratch);
    }
}

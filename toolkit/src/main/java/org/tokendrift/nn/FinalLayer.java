package org.tokendrift.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Output head: {@code (shift, scale) = Linear(cond, 2d)(c)} (zero-init), then
 * {@code logits = (LN(x) (1 + scale) + shift) W_out + b_out} with an untied Linear(d, V) whose
 * weight and bias start at zero, so the initial prediction is uniform.
 */
final class FinalLayer {
    private final Modulation modulation;
    private final ModulatedLayerNorm norm;
    private final Linear output;
    private final int width;

    FinalLayer(ParameterStore store, String name, DiTConfig cfg) {
        this.width = cfg.width();
        this.modulation = new Modulation(store, name + ".adaLN", cfg.condDim(), width, 2);
        this.norm = new ModulatedLayerNorm(store, name + ".norm", width);
        this.output = new Linear(store, name + ".out", width, cfg.vocabSize(), true, Linear.Init.ZERO);
    }

    void forward(INDArray x, INDArray c, int batch, Buffers saved, Buffers scratch, INDArray logits) {
        long n = x.rows();
        INDArray mod = saved.get("final.mod", 2, batch, width);
        modulation.forward(c, scratch.get("final.modRaw", batch, 2L * width), mod);
        INDArray a = saved.get("final.a", n, width);
        norm.forward(x, mod.slice(0), mod.slice(1), saved, "final.norm", scratch, a);
        output.forward(a, logits);
    }

    /** Writes dL/dx into {@code dx} and adds dL/dc into {@code dc} (if non-null). */
    void backward(INDArray dLogits, INDArray c, int batch, Buffers saved, Buffers scratch, INDArray dx, INDArray dc) {
        long n = dLogits.rows();
        INDArray mod = saved.get("final.mod", 2, batch, width);
        INDArray a = saved.get("final.a", n, width);
        INDArray dA = scratch.get("block.dA", n, width);
        output.backward(a, dLogits, dA, 0.0, scratch);
        INDArray dMod = scratch.get("final.dMod", 2, batch, width);
        norm.backward(dA, mod.slice(1), saved, "final.norm", scratch, dMod.slice(0), dMod.slice(1), dx, false);
        if (dc != null) {
            modulation.backward(c, dMod, dc, scratch);
        }
    }
}

package org.tokendrift.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * adaLN-zero modulation: {@code [m_0 | ... | m_{k-1}] = c W + b}, a zero-initialised
 * Linear(cond, k*d) of the conditioning vector c [B, cond], split into k per-sequence vectors
 * [B, d] (shift, scale, gate, ...). The chunks are stored as one contiguous [k, B, d] array so
 * that each chunk is a dense [B, d] block that broadcasts over the L positions of its sequence.
 */
final class Modulation {
    private final Linear linear;
    private final int chunks;
    private final int width;

    Modulation(ParameterStore store, String name, int condDim, int width, int chunks) {
        this.linear = new Linear(store, name, condDim, chunks * width, true, Linear.Init.ZERO);
        this.chunks = chunks;
        this.width = width;
    }

    /** Writes the chunks of c W + b into {@code out} [k, B, d]; {@code raw} [B, k*d] is scratch. */
    void forward(INDArray c, INDArray raw, INDArray out) {
        linear.forward(c, raw);
        out.assign(raw.reshape(c.rows(), chunks, width).permute(1, 0, 2));
    }

    /**
     * Accumulates parameter gradients and adds the gradient w.r.t. c into {@code dc} (if non-null)
     * from the chunk gradients {@code dOut} [k, B, d].
     */
    void backward(INDArray c, INDArray dOut, INDArray dc, Buffers scratch) {
        long b = c.rows();
        INDArray dRaw = scratch.get("modulation.dRaw." + chunks, b, (long) chunks * width);
        dRaw.reshape(b, chunks, width).assign(dOut.permute(1, 0, 2));
        linear.backward(c, dRaw, dc, 1.0, scratch);
    }

    int chunks() {
        return chunks;
    }
}

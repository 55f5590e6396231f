package org.tokendrift.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Multi-head softmax self-attention with rotary embeddings, per sequence:
 * <pre>
 *   [q | k | v] = a W_qkv            (fused, no bias; head-major within each of q, k, v)
 *   q, k       <- RoPE(q), RoPE(k)
 *   P          = softmax(q k^T / sqrt(dh) + M)   (M = 0, or -inf above the diagonal if causal)
 *   out        = concat_heads(P v) W_o           (no bias)
 * </pre>
 * Backward: {@code dv = P^T dO}, {@code dP = dO v^T}, {@code dS = P * (dP - rowsum(dP * P))},
 * {@code dq = dS k / sqrt(dh)}, {@code dk = dS^T q / sqrt(dh)}, then RoPE and the linear maps.
 * Heads are laid out as [3, B*H, L, dh] so each attention product is one batched GEMM.
 */
final class SelfAttention {
    private final Linear qkv;
    private final Linear proj;
    private final RotaryEmbedding rope;
    private final INDArray causalMask;
    private final int width;
    private final int heads;
    private final int headDim;
    private final double scale;

    SelfAttention(ParameterStore store, String name, DiTConfig cfg, RotaryEmbedding rope) {
        this.width = cfg.width();
        this.heads = cfg.heads();
        this.headDim = cfg.headDim();
        this.scale = 1.0 / Math.sqrt(headDim);
        this.rope = rope;
        this.qkv = new Linear(store, name + ".qkv", width, 3 * width, false, Linear.Init.DEFAULT);
        this.proj = new Linear(store, name + ".proj", width, width, false, Linear.Init.DEFAULT);
        this.causalMask = cfg.causal() ? causalMask(cfg.seqLen(), store) : null;
    }

    private static INDArray causalMask(int seqLen, ParameterStore store) {
        double[][] m = new double[seqLen][seqLen];
        for (int i = 0; i < seqLen; i++) {
            for (int j = i + 1; j < seqLen; j++) {
                m[i][j] = Double.NEGATIVE_INFINITY;
            }
        }
        return Nd4j.createFromArray(m).castTo(store.dtype()).reshape(1, seqLen, seqLen);
    }

    /** Rows [from, to) of the leading dimension of a rank-3 array, as a view. */
    private static INDArray slab(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /**
     * @param a   normalised input [B*L, d]
     * @param out attention branch output [B*L, d]
     */
    void forward(INDArray a, int batch, Buffers saved, String prefix, Buffers scratch, INDArray out) {
        long n = a.rows();
        long l = n / batch;
        long bh = (long) batch * heads;
        INDArray qkvOut = scratch.get("attn.qkv", n, 3L * width);
        qkv.forward(a, qkvOut);

        INDArray headsAll = saved.get(prefix + ".heads", 3 * bh, l, headDim);
        headsAll.reshape(3, batch, heads, l, headDim)
                .assign(qkvOut.reshape(batch, l, 3, heads, headDim).permute(2, 0, 3, 1, 4));
        INDArray rotated = saved.get(prefix + ".qkRotated", 2 * bh, l, headDim);
        rope.apply(slab(headsAll, 0, 2 * bh), rotated, scratch);
        INDArray q = slab(rotated, 0, bh);
        INDArray k = slab(rotated, bh, 2 * bh);
        INDArray v = slab(headsAll, 2 * bh, 3 * bh);

        INDArray probs = saved.get(prefix + ".probs", bh, l, l);
        Nd.batchedMatmul(q, k, probs, false, true, scale);
        if (causalMask != null) {
            Nd.add(probs, causalMask, probs);
        }
        Nd4j.exec(new SoftMax(probs, probs, 2));

        INDArray context = scratch.get("attn.context", bh, l, headDim);
        Nd.batchedMatmul(probs, v, context, false, false, 1.0);
        INDArray merged = saved.get(prefix + ".merged", n, width);
        merged.reshape(batch, l, heads, headDim).assign(context.reshape(batch, heads, l, headDim).permute(0, 2, 1, 3));
        proj.forward(merged, out);
    }

    /**
     * @param dOut upstream gradient of the branch output [B*L, d]
     * @param a    the input of forward [B*L, d]
     * @param dA   receives dL/da [B*L, d]
     */
    void backward(INDArray dOut, INDArray a, int batch, Buffers saved, String prefix, Buffers scratch, INDArray dA) {
        long n = a.rows();
        long l = n / batch;
        long bh = (long) batch * heads;
        INDArray headsAll = saved.get(prefix + ".heads", 3 * bh, l, headDim);
        INDArray rotated = saved.get(prefix + ".qkRotated", 2 * bh, l, headDim);
        INDArray probs = saved.get(prefix + ".probs", bh, l, l);
        INDArray merged = saved.get(prefix + ".merged", n, width);
        INDArray q = slab(rotated, 0, bh);
        INDArray k = slab(rotated, bh, 2 * bh);
        INDArray v = slab(headsAll, 2 * bh, 3 * bh);

        INDArray dMerged = scratch.get("attn.dMerged", n, width);
        proj.backward(merged, dOut, dMerged, 0.0, scratch);
        INDArray dContext = scratch.get("attn.context", bh, l, headDim);
        dContext.reshape(batch, heads, l, headDim).assign(dMerged.reshape(batch, l, heads, headDim).permute(0, 2, 1, 3));

        INDArray dHeads = scratch.get("attn.dHeads", 3 * bh, l, headDim);
        Nd.batchedMatmul(probs, dContext, slab(dHeads, 2 * bh, 3 * bh), true, false, 1.0);
        INDArray dScores = scratch.get("attn.dScores", bh, l, l);
        Nd.batchedMatmul(dContext, v, dScores, false, true, 1.0);

        // softmax backward: dS = P * dP - P * rowsum(P * dP)
        INDArray rowSum = scratch.get("attn.rowSum", bh, l, 1);
        INDArray pTimesSum = scratch.get("attn.pTimesSum", bh, l, l);
        Nd.mul(dScores, probs, dScores);
        Nd.sum(dScores, rowSum.reshape(bh, l), 2);
        Nd.mul(probs, rowSum, pTimesSum);
        Nd.sub(dScores, pTimesSum, dScores);

        INDArray dRotated = scratch.get("attn.dRotated", 2 * bh, l, headDim);
        Nd.batchedMatmul(dScores, k, slab(dRotated, 0, bh), false, false, scale);
        Nd.batchedMatmul(dScores, q, slab(dRotated, bh, 2 * bh), true, false, scale);
        rope.backward(dRotated, slab(dHeads, 0, 2 * bh), scratch);

        INDArray dQkv = scratch.get("attn.qkv", n, 3L * width);
        dQkv.reshape(batch, l, 3, heads, headDim)
                .assign(dHeads.reshape(3, batch, heads, l, headDim).permute(1, 3, 0, 2, 4));
        qkv.backward(a, dQkv, dA, 0.0, scratch);
    }
}

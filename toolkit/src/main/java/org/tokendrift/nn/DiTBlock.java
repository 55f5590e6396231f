package org.tokendrift.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One adaLN-zero transformer block, for conditioning c of each sequence:
 * <pre>
 *   (shift1, scale1, gate1, shift2, scale2, gate2) = Linear(cond, 6d)(c)      (zero-initialised)
 *   x = x + gate1 * Dropout( Attention( LN1(x) (1 + scale1) + shift1 ) )
 *   x = x + gate2 * Dropout( MLP( LN2(x) (1 + scale2) + shift2 ) )
 * </pre>
 * At initialisation every gate is 0, so the block is the identity. Backward of a gated residual
 * {@code y = x + g * r}: {@code dx += dy}, {@code dr = dy * g}, {@code dg = sum_l dy * r}.
 */
final class DiTBlock {
    private static final int SHIFT1 = 0, SCALE1 = 1, GATE1 = 2, SHIFT2 = 3, SCALE2 = 4, GATE2 = 5;

    private final Modulation modulation;
    private final ModulatedLayerNorm norm1;
    private final SelfAttention attention;
    private final ModulatedLayerNorm norm2;
    private final FeedForward mlp;
    private final Dropout dropout;
    private final int width;

    DiTBlock(ParameterStore store, String name, DiTConfig cfg, RotaryEmbedding rope, Dropout dropout) {
        this.width = cfg.width();
        this.modulation = new Modulation(store, name + ".adaLN", cfg.condDim(), width, 6);
        this.norm1 = new ModulatedLayerNorm(store, name + ".norm1", width);
        this.attention = new SelfAttention(store, name + ".attn", cfg, rope);
        this.norm2 = new ModulatedLayerNorm(store, name + ".norm2", width);
        this.mlp = new FeedForward(store, name + ".mlp", width, cfg.mlpWidth());
        this.dropout = dropout;
    }

    /**
     * @param x      block input [B*L, d] (not modified)
     * @param c      conditioning [B, cond]
     * @param saved  activation buffers of the pass; {@code p} prefixes this block's entries
     * @param xOut   block output [B*L, d]
     */
    void forward(INDArray x, INDArray c, int batch, boolean training, Buffers saved, String p,
                 Buffers scratch, INDArray xOut) {
        long n = x.rows();
        INDArray mod = saved.get(p + ".mod", 6, batch, width);
        modulation.forward(c, scratch.get("block.modRaw", batch, 6L * width), mod);

        INDArray a1 = saved.get(p + ".a1", n, width);
        norm1.forward(x, mod.slice(SHIFT1), mod.slice(SCALE1), saved, p + ".norm1", scratch, a1);
        INDArray attnOut = saved.get(p + ".attnOut", n, width);
        attention.forward(a1, batch, saved, p + ".attn", scratch, attnOut);
        if (dropout.active(training)) {
            dropout.apply(attnOut, saved.get(p + ".mask1", n, width));
        }
        INDArray xMid = saved.get(p + ".xMid", n, width);
        gatedResidual(x, attnOut, mod.slice(GATE1), batch, scratch, xMid);

        INDArray a2 = saved.get(p + ".a2", n, width);
        norm2.forward(xMid, mod.slice(SHIFT2), mod.slice(SCALE2), saved, p + ".norm2", scratch, a2);
        INDArray mlpOut = saved.get(p + ".mlpOut", n, width);
        mlp.forward(a2, saved, p + ".mlp", mlpOut);
        if (dropout.active(training)) {
            dropout.apply(mlpOut, saved.get(p + ".mask2", n, width));
        }
        gatedResidual(xMid, mlpOut, mod.slice(GATE2), batch, scratch, xOut);
    }

    /** y = x + gate * branch, with gate [B, d] broadcast over the positions of each sequence. */
    private void gatedResidual(INDArray x, INDArray branch, INDArray gate, int batch, Buffers scratch, INDArray y) {
        long n = x.rows();
        INDArray gated = scratch.get("block.gated", batch, n / batch, width);
        Nd.mul(branch.reshape(batch, n / batch, width), gate.reshape(batch, 1, width), gated);
        Nd.add(x, gated.reshape(n, width), y);
    }

    /**
     * @param dOut grad w.r.t. the block output [B*L, d]
     * @param dIn  receives the grad w.r.t. the block input; may be the same array as {@code dOut}
     * @param dc   grad w.r.t. c [B, cond], added to; {@code null} when c needs no gradient
     */
    void backward(INDArray dOut, INDArray x, INDArray c, int batch, boolean training, Buffers saved, String p,
                  Buffers scratch, INDArray dIn, INDArray dc) {
        long n = x.rows();
        INDArray mod = saved.get(p + ".mod", 6, batch, width);
        INDArray dMod = scratch.get("block.dMod", 6, batch, width);
        INDArray dBranch = scratch.get("block.dBranch", n, width);
        INDArray dA = scratch.get("block.dA", n, width);
        INDArray dMid = scratch.get("block.dMid", n, width);

        INDArray mlpOut = saved.get(p + ".mlpOut", n, width);
        gatedResidualBackward(dOut, mlpOut, mod.slice(GATE2), batch, scratch, dBranch, dMod.slice(GATE2));
        if (dropout.active(training)) {
            dBranch.muli(saved.get(p + ".mask2", n, width));
        }
        INDArray a2 = saved.get(p + ".a2", n, width);
        mlp.backward(dBranch, a2, saved, p + ".mlp", scratch, dA);
        dMid.assign(dOut);
        norm2.backward(dA, mod.slice(SCALE2), saved, p + ".norm2", scratch, dMod.slice(SHIFT2), dMod.slice(SCALE2), dMid, true);

        INDArray attnOut = saved.get(p + ".attnOut", n, width);
        gatedResidualBackward(dMid, attnOut, mod.slice(GATE1), batch, scratch, dBranch, dMod.slice(GATE1));
        if (dropout.active(training)) {
            dBranch.muli(saved.get(p + ".mask1", n, width));
        }
        INDArray a1 = saved.get(p + ".a1", n, width);
        attention.backward(dBranch, a1, batch, saved, p + ".attn", scratch, dA);
        dIn.assign(dMid);
        norm1.backward(dA, mod.slice(SCALE1), saved, p + ".norm1", scratch, dMod.slice(SHIFT1), dMod.slice(SCALE1), dIn, true);

        if (dc != null) {
            modulation.backward(c, dMod, dc, scratch);
        }
    }

    /** dBranch = dy * gate (broadcast), dGate = sum over positions of dy * branch. */
    private void gatedResidualBackward(INDArray dy, INDArray branch, INDArray gate, int batch, Buffers scratch,
                                       INDArray dBranch, INDArray dGate) {
        long n = dy.rows();
        long l = n / batch;
        Nd.mul(dy.reshape(batch, l, width), gate.reshape(batch, 1, width), dBranch.reshape(batch, l, width));
        INDArray prod = scratch.get("block.gated", batch, l, width);
        Nd.mul(dy.reshape(batch, l, width), branch.reshape(batch, l, width), prod);
        Nd.sum(prod, dGate, 1);
    }
}

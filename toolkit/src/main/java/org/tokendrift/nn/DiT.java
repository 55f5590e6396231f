package org.tokendrift.nn;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DiT denoiser of MDLM and DUO with explicit forward and backward on ND4J:
 * <pre>
 *   h_0   = E[z]  (or caller-supplied input embeddings, e.g. soft tokens p E)
 *   c     = TimestepEmbedder(sigma)                       (sigma = 0 without time conditioning)
 *   h_i   = DiTBlock_i(h_{i-1}, c),  i = 1..layers        (adaLN-zero, RoPE attention, GELU MLP)
 *   logits = FinalLayer(h_layers, c)                      [B*L, V]
 * </pre>
 * Rows are tokens, row {@code b*L + l}. The hidden states exposed for feature losses are
 * {@code h_{layers-1}} (penultimate: input of the last block) and {@code h_layers} (last, before the
 * final norm); backward accepts upstream gradients on both as well as on the logits.
 *
 * <p><b>Memory.</b> Activations live in preallocated buffer sets, so a steady training loop
 * allocates nothing. A model keeps at most {@value #MAX_ACTIVATION_SETS} gradient-capable passes
 * alive: a new {@link #forward} reuses the set of a closed pass, else allocates while fewer than
 * that exist, else reuses the oldest back-propagated pass, else the oldest live one. Whatever a pass
 * returns (logits, hidden states, the dEmb of its backward) is valid until the pass is closed or its
 * set is reused; using a reused pass throws. Close passes you are done with ({@code try}-with-resources)
 * to keep a single set per model. {@link #infer} passes need no gradient and share one lighter set.
 */
public final class DiT {
    /** Gradient-capable passes kept alive per model; two cover "soft input with grad + clean input". */
    public static final int MAX_ACTIVATION_SETS = 2;

    private final DiTConfig cfg;
    private final ParameterStore store;
    private final TokenEmbedding embedding;
    private final TimestepEmbedder timestep;
    private final List<DiTBlock> blocks = new ArrayList<>();
    private final FinalLayer finalLayer;
    private final boolean frozen;
    private final Buffers scratch;
    /** Separate from {@link #scratch} so that alternating training and sampling batch sizes never reallocates. */
    private final Buffers inferenceScratch;
    private final List<ActivationSet> activationSets = new ArrayList<>();
    private final ActivationSet inferenceSet;
    private long acquisitions;

    /** A trainable model with weights drawn from {@code seed}. */
    public DiT(DiTConfig cfg, long seed) {
        this(cfg, seed, false);
    }

    private DiT(DiTConfig cfg, long seed, boolean frozen) {
        this.cfg = cfg;
        this.frozen = frozen;
        this.store = new ParameterStore(cfg.dtype(), !frozen, seed);
        this.scratch = new Buffers(cfg.dtype());
        this.inferenceScratch = new Buffers(cfg.dtype());
        this.inferenceSet = new ActivationSet(new Buffers(cfg.dtype()));
        RotaryEmbedding rope = new RotaryEmbedding(cfg.seqLen(), cfg.headDim(), cfg.dtype());
        Dropout dropout = new Dropout(cfg.dropout(), seed ^ 0x5DEECE66DL);
        this.embedding = new TokenEmbedding(store, "embed", cfg.vocabSize(), cfg.width());
        this.timestep = new TimestepEmbedder(store, "time", cfg.condDim());
        for (int i = 0; i < cfg.layers(); i++) {
            blocks.add(new DiTBlock(store, "block" + i, cfg, rope, dropout));
        }
        this.finalLayer = new FinalLayer(store, "final", cfg);
    }

    public DiTConfig config() {
        return cfg;
    }

    /** Named parameters (and their gradient accumulators, absent on a frozen copy). */
    public ParameterStore parameters() {
        return store;
    }

    /** The value of parameter {@code name}. */
    public INDArray param(String name) {
        return store.require(name).value();
    }

    /** The accumulated gradient of parameter {@code name}. */
    public INDArray grad(String name) {
        Param p = store.require(name);
        if (!p.trainable()) {
            throw new IllegalStateException("model is frozen: parameter '" + name + "' has no gradient");
        }
        return p.grad();
    }

    /** The token embedding E [V, d] (live weights; do not modify). */
    public INDArray embeddingMatrix() {
        return embedding.table();
    }

    public boolean isFrozen() {
        return frozen;
    }

    /**
     * A copy with the current weights that never changes and computes no parameter gradients;
     * its backward still returns the gradient w.r.t. the input embeddings.
     */
    public DiT frozenCopy() {
        DiT copy = new DiT(cfg, 0L, true);
        for (Param p : store.all()) {
            copy.store.require(p.name()).value().assign(p.value());
        }
        return copy;
    }

    /** Forward on hard token ids [B][L]; {@code sigma} [B] or {@code null} without time conditioning. */
    public Pass forward(int[][] tokens, double[] sigma, boolean training) {
        int batch = validateTokens(tokens);
        validateSigma(sigma, batch);
        ActivationSet set = acquire();
        Pass pass = new Pass(set, batch, training, true);
        set.owner = pass;
        pass.ids = flatIds(tokens, batch);
        INDArray x0 = set.buffers.get("embeddings", (long) batch * cfg.seqLen(), cfg.width());
        embedding.forward(pass.ids, x0);
        run(pass, x0, sigma);
        return pass;
    }

    /**
     * Forward on input embeddings {@code emb} [B*L, d] (e.g. soft tokens {@code p E}); the array is
     * read, not copied, so keep it unchanged until the pass is done.
     */
    public Pass forwardEmbeddings(INDArray emb, double[] sigma, boolean training) {
        int batch = validateEmbeddings(emb);
        validateSigma(sigma, batch);
        ActivationSet set = acquire();
        Pass pass = new Pass(set, batch, training, true);
        set.owner = pass;
        run(pass, emb, sigma);
        return pass;
    }

    /**
     * Evaluation forward without gradient support (no dropout): activations of only two blocks are
     * kept, and the pass is valid until the next {@code infer} call on this model.
     */
    public Pass infer(int[][] tokens, double[] sigma) {
        int batch = validateTokens(tokens);
        validateSigma(sigma, batch);
        invalidate(inferenceSet);
        Pass pass = new Pass(inferenceSet, batch, false, false);
        inferenceSet.owner = pass;
        pass.ids = flatIds(tokens, batch);
        INDArray x0 = inferenceSet.buffers.get("embeddings", (long) batch * cfg.seqLen(), cfg.width());
        embedding.forward(pass.ids, x0);
        run(pass, x0, sigma);
        return pass;
    }

    /** Like {@link #infer} on input embeddings [B*L, d]. */
    public Pass inferEmbeddings(INDArray emb, double[] sigma) {
        int batch = validateEmbeddings(emb);
        validateSigma(sigma, batch);
        invalidate(inferenceSet);
        Pass pass = new Pass(inferenceSet, batch, false, false);
        inferenceSet.owner = pass;
        run(pass, emb, sigma);
        return pass;
    }

    private void run(Pass pass, INDArray x0, double[] sigma) {
        Buffers saved = pass.set.buffers;
        Buffers work = pass.gradients ? scratch : inferenceScratch;
        long n = (long) pass.batch * cfg.seqLen();
        pass.input = x0;
        INDArray c = timestep.forward(sigma, pass.batch, saved);
        INDArray x = x0;
        for (int i = 0; i < blocks.size(); i++) {
            INDArray out = saved.get(pass.blockKey(i) + ".out", n, cfg.width());
            blocks.get(i).forward(x, c, pass.batch, pass.training, saved, pass.blockKey(i), work, out);
            x = out;
        }
        INDArray logits = saved.get("logits", n, cfg.vocabSize());
        finalLayer.forward(x, c, pass.batch, saved, work, logits);
    }

    private INDArray blockInput(Pass pass, int i) {
        return i == 0 ? pass.input : pass.set.buffers.get(pass.blockKey(i - 1) + ".out",
                (long) pass.batch * cfg.seqLen(), cfg.width());
    }

    private INDArray backward(Pass pass, INDArray dLogits, INDArray dPenultimate, INDArray dLast) {
        Buffers saved = pass.set.buffers;
        long n = (long) pass.batch * cfg.seqLen();
        requireShape("dLogits", dLogits, n, cfg.vocabSize());
        requireShape("dPenultimate", dPenultimate, n, cfg.width());
        requireShape("dLast", dLast, n, cfg.width());
        INDArray c = saved.get("cond", pass.batch, cfg.condDim());
        INDArray dc = null;
        if (!frozen) {
            dc = scratch.get("dCond", pass.batch, cfg.condDim());
            dc.assign(0);
        }
        INDArray dx = saved.get("dEmb", n, cfg.width());
        if (dLogits != null) {
            finalLayer.backward(dLogits, c, pass.batch, saved, scratch, dx, dc);
            if (dLast != null) {
                dx.addi(dLast);
            }
        } else if (dLast != null) {
            dx.assign(dLast);
        } else {
            dx.assign(0);
        }
        for (int i = blocks.size() - 1; i >= 0; i--) {
            blocks.get(i).backward(dx, blockInput(pass, i), c, pass.batch, pass.training, saved,
                    pass.blockKey(i), scratch, dx, dc);
            if (i == blocks.size() - 1 && dPenultimate != null) {
                dx.addi(dPenultimate);
            }
        }
        if (!frozen) {
            timestep.backward(dc, saved, scratch);
            if (pass.ids != null) {
                embedding.backward(pass.ids, dx);
            }
        }
        return dx;
    }

    private static void requireShape(String name, INDArray a, long rows, long cols) {
        if (a != null && (a.rank() != 2 || a.rows() != rows || a.columns() != cols)) {
            throw new IllegalArgumentException(name + " must have shape [" + rows + ", " + cols + "], got "
                    + java.util.Arrays.toString(a.shape()));
        }
    }

    private ActivationSet acquire() {
        ActivationSet chosen = null;
        for (ActivationSet s : activationSets) {
            if (s.owner == null || s.owner.state == PassState.CLOSED) {
                chosen = s;
                break;
            }
        }
        if (chosen == null && activationSets.size() < MAX_ACTIVATION_SETS) {
            chosen = new ActivationSet(new Buffers(cfg.dtype()));
            activationSets.add(chosen);
        }
        if (chosen == null) {
            chosen = oldest(PassState.BACKPROPAGATED);
        }
        if (chosen == null) {
            chosen = oldest(PassState.LIVE);
        }
        invalidate(chosen);
        chosen.acquiredAt = ++acquisitions;
        return chosen;
    }

    private ActivationSet oldest(PassState state) {
        ActivationSet best = null;
        for (ActivationSet s : activationSets) {
            if (s.owner != null && s.owner.state == state && (best == null || s.acquiredAt < best.acquiredAt)) {
                best = s;
            }
        }
        return best;
    }

    private static void invalidate(ActivationSet set) {
        if (set.owner != null && set.owner.state != PassState.CLOSED) {
            set.owner.state = PassState.REUSED;
        }
        set.owner = null;
    }

    /** Native bytes held by this model's activation and scratch buffers. */
    public long bufferBytes() {
        long total = scratch.bytes() + inferenceScratch.bytes() + inferenceSet.buffers.bytes();
        for (ActivationSet s : activationSets) {
            total += s.buffers.bytes();
        }
        return total;
    }

    private int validateTokens(int[][] tokens) {
        if (tokens == null || tokens.length == 0) {
            throw new IllegalArgumentException("tokens must be a non-empty [B][L] array");
        }
        for (int b = 0; b < tokens.length; b++) {
            if (tokens[b] == null || tokens[b].length != cfg.seqLen()) {
                throw new IllegalArgumentException("tokens[" + b + "] has length "
                        + (tokens[b] == null ? "null" : tokens[b].length) + ", expected seqLen " + cfg.seqLen());
            }
            for (int l = 0; l < tokens[b].length; l++) {
                int id = tokens[b][l];
                if (id < 0 || id >= cfg.vocabSize()) {
                    throw new IllegalArgumentException("token id " + id + " at [" + b + "][" + l
                            + "] is outside the vocabulary [0, " + cfg.vocabSize() + ")");
                }
            }
        }
        return tokens.length;
    }

    private int validateEmbeddings(INDArray emb) {
        if (emb == null || emb.rank() != 2 || emb.columns() != cfg.width() || emb.rows() == 0
                || emb.rows() % cfg.seqLen() != 0) {
            throw new IllegalArgumentException("input embeddings must have shape [B*" + cfg.seqLen() + ", "
                    + cfg.width() + "], got " + (emb == null ? "null" : java.util.Arrays.toString(emb.shape())));
        }
        if (emb.dataType() != cfg.dtype()) {
            throw new IllegalArgumentException("input embeddings are " + emb.dataType() + " but the model is " + cfg.dtype());
        }
        return Math.toIntExact(emb.rows() / cfg.seqLen());
    }

    private void validateSigma(double[] sigma, int batch) {
        if (cfg.timeConditioning()) {
            if (sigma == null || sigma.length != batch) {
                throw new IllegalArgumentException("time-conditioned model needs sigma of length " + batch + ", got "
                        + (sigma == null ? "null" : sigma.length));
            }
        } else if (sigma != null) {
            throw new IllegalArgumentException("model has no time conditioning (timeConditioning=false): pass sigma = null");
        }
    }

    private static INDArray flatIds(int[][] tokens, int batch) {
        int len = tokens[0].length;
        int[] flat = new int[batch * len];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(tokens[b], 0, flat, b * len, len);
        }
        return Nd4j.createFromArray(flat);
    }

    private enum PassState { LIVE, BACKPROPAGATED, CLOSED, REUSED }

    private static final class ActivationSet {
        final Buffers buffers;
        Pass owner;
        long acquiredAt;

        ActivationSet(Buffers buffers) {
            this.buffers = buffers;
        }
    }

    /**
     * The result of one forward: logits, exposed hidden states, and backward. Not thread-safe.
     */
    public final class Pass implements AutoCloseable {
        private final ActivationSet set;
        private final int batch;
        private final boolean training;
        private final boolean gradients;
        private INDArray ids;
        private INDArray input;
        private PassState state = PassState.LIVE;

        private Pass(ActivationSet set, int batch, boolean training, boolean gradients) {
            this.set = set;
            this.batch = batch;
            this.training = training;
            this.gradients = gradients;
        }

        /** Inference passes alternate two block slots; gradient passes keep every block. */
        private String blockKey(int i) {
            return gradients ? "block" + i : "block" + (i % 2);
        }

        public int batchSize() {
            return batch;
        }

        /** Logits [B*L, V]. */
        public INDArray logits() {
            checkUsable();
            return set.buffers.get("logits", (long) batch * cfg.seqLen(), cfg.vocabSize());
        }

        /** Input of the last block (output of block layers-2; the embeddings if layers == 1) [B*L, d]. */
        public INDArray penultimateHidden() {
            checkUsable();
            return blockInput(this, blocks.size() - 1);
        }

        /** Output of the last block, before the final norm [B*L, d]. */
        public INDArray lastHidden() {
            checkUsable();
            return blockInput(this, blocks.size());
        }

        /**
         * The hidden state after {@code depth} blocks [B*L, d]: 0 = the input embeddings,
         * {@code layers} = {@link #lastHidden()}. Only passes with gradients keep every depth.
         */
        public INDArray hidden(int depth) {
            checkUsable();
            if (depth < 0 || depth > blocks.size()) {
                throw new IllegalArgumentException("depth " + depth + " is outside 0.." + blocks.size());
            }
            if (!gradients && depth > 0 && depth < blocks.size() - 1) {
                throw new IllegalStateException("an infer() pass keeps only the last two hidden states, not depth " + depth);
            }
            return blockInput(this, depth);
        }

        /**
         * Back-propagates upstream gradients (each may be {@code null} = zero) and returns the
         * gradient w.r.t. the input embeddings [B*L, d]. Parameter gradients accumulate in the
         * model's gradient buffers (none on a frozen model). Allowed once per pass.
         */
        public INDArray backward(INDArray dLogits, INDArray dPenultimate, INDArray dLast) {
            checkUsable();
            if (!gradients) {
                throw new IllegalStateException("this pass came from infer(), which keeps no activations for backward");
            }
            if (state == PassState.BACKPROPAGATED) {
                throw new IllegalStateException("backward was already called on this pass");
            }
            INDArray dEmb = DiT.this.backward(this, dLogits, dPenultimate, dLast);
            state = PassState.BACKPROPAGATED;
            return dEmb;
        }

        /** Returns the activation buffers to the model for reuse. */
        @Override
        public void close() {
            if (state != PassState.REUSED) {
                state = PassState.CLOSED;
            }
        }

        private void checkUsable() {
            if (state == PassState.CLOSED) {
                throw new IllegalStateException("this pass was closed");
            }
            if (state == PassState.REUSED) {
                throw new IllegalStateException("this pass's activation buffers were reused by a later forward "
                        + "(a model keeps " + MAX_ACTIVATION_SETS + " gradient passes; close passes you are done with)");
            }
        }
    }

    /** Element type of the activations and parameters. */
    public DataType dtype() {
        return cfg.dtype();
    }
}

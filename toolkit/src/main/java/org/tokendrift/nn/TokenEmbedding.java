package org.tokendrift.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Token embedding {@code h_i = E[z_i]} with E [V, d] drawn from U(-1/sqrt(d), 1/sqrt(d))
 * (PyTorch's kaiming_uniform(a = sqrt 5) on a [V, d] parameter, as in the reference DiT).
 * Backward is a scatter-add, {@code dE[z_i] += dh_i}, which accumulates repeated ids.
 */
final class TokenEmbedding {
    private final INDArray table;
    private final INDArray tableGrad;

    TokenEmbedding(ParameterStore store, String name, int vocab, int width) {
        this.table = store.uniform(name + ".weight", 1.0 / Math.sqrt(width), vocab, width);
        this.tableGrad = store.gradOf(name + ".weight");
    }

    void forward(INDArray ids, INDArray out) {
        Nd.gatherRows(table, ids, out);
    }

    void backward(INDArray ids, INDArray dOut) {
        if (tableGrad != null) {
            Nd.scatterAddRows(tableGrad, ids, dOut);
        }
    }

    INDArray table() {
        return table;
    }
}

package org.tokendrift.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The few ND4J primitives the engine is built from, each writing into a caller-provided output.
 * Element-wise ops use ND4J's numpy-broadcasting pairwise kernels, which on this build are 10-60x
 * faster than the legacy Broadcast*Op family along the row dimension (measured in ENGINE.md).
 * Everything here is an ND4J op, so the same code runs on the CUDA backend.
 */
final class Nd {
    private Nd() {
    }

    /** c = alpha * op(a) op(b) + beta * c for 2-D arrays (BLAS gemm). */
    static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta) {
        Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
    }

    /** c[i] = alpha * op(a[i]) op(b[i]) for rank-3 batches. */
    static void batchedMatmul(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha) {
        MMulTranspose t = MMulTranspose.builder().transposeA(transA).transposeB(transB).build();
        Nd4j.exec(new Mmul(a, b, c, alpha, 0.0, t));
    }

    /**
     * {@code acc += m^T 1}: the column sums of m [N, K] added to acc [1, K], as a matrix-vector
     * product with a ones column [N, 1]. On this build it is 4-10x faster than a reduction over
     * dimension 0 or a product with a ones row (ENGINE.md), and bias gradients need exactly this.
     */
    static void addColumnSums(INDArray m, INDArray ones, INDArray acc) {
        gemm(m, ones, acc.reshape(acc.length(), 1), true, false, 1.0, 1.0);
    }

    /** z = x + y with numpy broadcasting of y. */
    static INDArray add(INDArray x, INDArray y, INDArray z) {
        Nd4j.exec(new AddOp(x, y, z));
        return z;
    }

    /** z = x - y with numpy broadcasting of y. */
    static INDArray sub(INDArray x, INDArray y, INDArray z) {
        Nd4j.exec(new SubOp(x, y, z));
        return z;
    }

    /** z = x * y with numpy broadcasting of y. */
    static INDArray mul(INDArray x, INDArray y, INDArray z) {
        Nd4j.exec(new MulOp(x, y, z));
        return z;
    }

    /** z = sum of x over {@code dims}. */
    static INDArray sum(INDArray x, INDArray z, int... dims) {
        Nd4j.exec(new Sum(x, z, dims));
        return z;
    }

    /** z = 1 / (1 + exp(-x)). */
    static INDArray sigmoid(INDArray x, INDArray z) {
        Nd4j.exec(new Sigmoid(x, z));
        return z;
    }

    /** out[i] = table[ids[i]] (row gather). */
    static void gatherRows(INDArray table, INDArray ids, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("gather").addInputs(table, ids).addOutputs(out)
                .addIntegerArguments(0).build());
    }

    /**
     * table[ids[i]] += rows[i], accumulating repeated ids. The boolean argument is the op's "lock":
     * without it ND4J splits the ids over threads, and two threads adding into the same row lose
     * each other's updates (NdScatterAddTest).
     */
    static void scatterAddRows(INDArray table, INDArray ids, INDArray rows) {
        Nd4j.exec(DynamicCustomOp.builder("scatter_add").addInputs(table, ids, rows).addOutputs(table)
                .addBooleanArguments(true).build());
    }
}

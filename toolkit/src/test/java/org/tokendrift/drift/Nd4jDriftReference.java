package org.tokendrift.drift;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A second, independent implementation of the drift field written with whole-matrix ND4J
 * operations, following Deng et al.'s Alg. 2 literally (softmax over rows and columns, geometric
 * mean, cross-weighting, {@code V = W+ U - W- H}). It exists to cross-check {@link DriftField} and
 * to time the ND4J alternative; only balanced weights, squared distances and a negative self-mask
 * are supported.
 */
final class Nd4jDriftReference {

    private Nd4jDriftReference() {
    }

    static double[][] field(double[][] anchors, double[][] positives, double[][] negatives, int[] selfInNegatives,
                            double[] temperatures, double eps) {
        INDArray h = Nd4j.createFromArray(anchors);
        INDArray u = Nd4j.createFromArray(positives);
        INDArray v = Nd4j.createFromArray(negatives);
        int n = anchors.length;
        int p = positives.length;
        INDArray refs = Nd4j.vstack(u, v);
        // ||h - y||^2 = ||h||^2 + ||y||^2 - 2 h.y
        INDArray hh = h.mul(h).sum(true, 1);                      // [N,1]
        INDArray yy = refs.mul(refs).sum(true, 1).transpose();    // [1,R]
        INDArray dist = h.mmul(refs.transpose()).muli(-2).addiColumnVector(hh).addiRowVector(yy);
        Transforms.max(dist, 0.0, false);                          // rounding can go slightly negative
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, n, p + negatives.length);
        for (int i = 0; i < n; i++) {
            if (selfInNegatives != null && selfInNegatives[i] >= 0) {
                mask.putScalar(i, p + selfInNegatives[i], 1e6);   // Alg. 2: dist_neg += eye * 1e6
            }
        }
        INDArray total = Nd4j.zeros(DataType.DOUBLE, n, anchors[0].length);
        for (double tau : temperatures) {
            INDArray logit = dist.add(mask).divi(-tau);
            INDArray aRow = softmax(logit, 1);
            INDArray aCol = softmax(logit, 0);
            INDArray a = Transforms.sqrt(aRow.mul(aCol), false);
            INDArray aPos = a.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, p));
            INDArray aNeg = a.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(p, p + negatives.length));
            INDArray wPos = aPos.mulColumnVector(aNeg.sum(true, 1));
            INDArray wNeg = aNeg.mulColumnVector(aPos.sum(true, 1));
            INDArray vt = wPos.mmul(u).subi(wNeg.mmul(v));
            double meanSq = vt.mul(vt).sumNumber().doubleValue() / n;
            total.addi(vt.divi(Math.sqrt(meanSq + eps) * temperatures.length));
        }
        return total.toDoubleMatrix();
    }

    private static INDArray softmax(INDArray x, int dim) {
        INDArray max = x.max(true, dim);
        INDArray e = dim == 1 ? Transforms.exp(x.subColumnVector(max), false) : Transforms.exp(x.subRowVector(max), false);
        INDArray sum = e.sum(true, dim);
        return dim == 1 ? e.diviColumnVector(sum) : e.diviRowVector(sum);
    }
}

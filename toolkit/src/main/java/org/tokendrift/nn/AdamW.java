package org.tokendrift.nn;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * AdamW (Loshchilov and Hutter), decoupled weight decay with bias correction, as in PyTorch:
 * <pre>
 *   t  = t + 1
 *   m  = b1 m + (1 - b1) g
 *   v  = b2 v + (1 - b2) g^2
 *   p  = p (1 - lr wd)
 *   p  = p - (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 * {@link #step} applies the update to every trainable parameter and then clears the gradients.
 */
public final class AdamW {
    private final AdamWConfig cfg;
    private final ParameterStore params;
    private final Map<String, INDArray> firstMoment = new LinkedHashMap<>();
    private final Map<String, INDArray> secondMoment = new LinkedHashMap<>();
    private final Map<String, INDArray> scratch = new LinkedHashMap<>();
    private long step;

    public AdamW(AdamWConfig cfg, ParameterStore params) {
        if (!params.hasGrads()) {
            throw new IllegalArgumentException("cannot optimise a frozen model: its parameters have no gradients");
        }
        this.cfg = cfg;
        this.params = params;
        for (Param p : params.all()) {
            firstMoment.put(p.name(), p.value().ulike().assign(0));
            secondMoment.put(p.name(), p.value().ulike().assign(0));
            scratch.put(p.name(), p.value().ulike());
        }
    }

    /** One update with learning rate {@code lr}; gradients are zeroed afterwards. */
    public void step(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + lr);
        }
        step++;
        double bc1 = 1 - Math.pow(cfg.beta1(), step);
        double bc2 = 1 - Math.pow(cfg.beta2(), step);
        var blas = Nd4j.getBlasWrapper().level1();
        for (Param p : params.all()) {
            INDArray g = p.grad();
            INDArray m = firstMoment.get(p.name());
            INDArray v = secondMoment.get(p.name());
            INDArray tmp = scratch.get(p.name());
            long len = g.length();
            m.muli(cfg.beta1());
            blas.axpy(len, 1 - cfg.beta1(), g, m);
            v.muli(cfg.beta2());
            Nd.mul(g, g, tmp);
            blas.axpy(len, 1 - cfg.beta2(), tmp, v);
            Nd4j.exec(new Sqrt(v, tmp));
            tmp.muli(1.0 / Math.sqrt(bc2)).addi(cfg.eps());
            Nd4j.exec(new DivOp(m, tmp, tmp));
            if (cfg.weightDecay() > 0) {
                p.value().muli(1 - lr * cfg.weightDecay());
            }
            blas.axpy(len, -lr / bc1, tmp, p.value());
        }
        params.zeroGrads();
    }

    /** Number of updates applied so far (t). */
    public long stepCount() {
        return step;
    }

    public AdamWConfig config() {
        return cfg;
    }

    INDArray firstMoment(String name) {
        return firstMoment.get(name);
    }

    INDArray secondMoment(String name) {
        return secondMoment.get(name);
    }

    void restoreStepCount(long t) {
        this.step = t;
    }
}

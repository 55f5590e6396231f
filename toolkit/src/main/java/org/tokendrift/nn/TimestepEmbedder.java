package org.tokendrift.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Conditioning vector from the noise level sigma of each sequence:
 * <pre>
 *   f_i  = exp(-ln(10000) i / 128),  i = 0..127
 *   e    = [cos(sigma f), sin(sigma f)]                (256 features)
 *   c    = SiLU( W2 SiLU(W1 e + b1) + b2 )             (Linear(256, cond), Linear(cond, cond))
 * </pre>
 * with {@code SiLU(h) = h sigmoid(h)}, {@code SiLU'(h) = s (1 + h (1 - s))}. sigma is a
 * host-side input (B numbers), so only the MLP is differentiated, for its parameters.
 */
final class TimestepEmbedder {
    static final int FREQUENCY_FEATURES = 256;
    static final double MAX_PERIOD = 10000.0;

    private final Linear fc1;
    private final Linear fc2;
    private final int condDim;

    TimestepEmbedder(ParameterStore store, String name, int condDim) {
        this.condDim = condDim;
        this.fc1 = new Linear(store, name + ".fc1", FREQUENCY_FEATURES, condDim, true, Linear.Init.DEFAULT);
        this.fc2 = new Linear(store, name + ".fc2", condDim, condDim, true, Linear.Init.DEFAULT);
    }

    /** The 256 sinusoidal features of each sigma (sigma = 0 everywhere when {@code sigma == null}). */
    static double[][] features(double[] sigma, int batch) {
        int half = FREQUENCY_FEATURES / 2;
        double[][] e = new double[batch][FREQUENCY_FEATURES];
        for (int b = 0; b < batch; b++) {
            double s = sigma == null ? 0.0 : sigma[b];
            for (int i = 0; i < half; i++) {
                double arg = s * Math.exp(-Math.log(MAX_PERIOD) * i / half);
                e[b][i] = Math.cos(arg);
                e[b][i + half] = Math.sin(arg);
            }
        }
        return e;
    }

    /** Writes c [B, cond] into {@code saved} under "cond" and returns it. */
    INDArray forward(double[] sigma, int batch, Buffers saved) {
        INDArray e = saved.get("time.features", batch, FREQUENCY_FEATURES);
        e.assign(Nd4j.createFromArray(features(sigma, batch)).castTo(e.dataType()));
        INDArray h1 = saved.get("time.h1", batch, condDim);
        INDArray s1 = saved.get("time.s1", batch, condDim);
        INDArray a1 = saved.get("time.a1", batch, condDim);
        INDArray h2 = saved.get("time.h2", batch, condDim);
        INDArray s2 = saved.get("time.s2", batch, condDim);
        INDArray c = saved.get("cond", batch, condDim);
        fc1.forward(e, h1);
        silu(h1, s1, a1);
        fc2.forward(a1, h2);
        silu(h2, s2, c);
        return c;
    }

    /** Accumulates parameter gradients from dL/dc [B, cond]. */
    void backward(INDArray dc, Buffers saved, Buffers scratch) {
        long batch = dc.rows();
        INDArray e = saved.get("time.features", batch, FREQUENCY_FEATURES);
        INDArray h1 = saved.get("time.h1", batch, condDim);
        INDArray s1 = saved.get("time.s1", batch, condDim);
        INDArray a1 = saved.get("time.a1", batch, condDim);
        INDArray h2 = saved.get("time.h2", batch, condDim);
        INDArray s2 = saved.get("time.s2", batch, condDim);
        INDArray dh2 = scratch.get("time.dh2", batch, condDim);
        INDArray dh1 = scratch.get("time.dh1", batch, condDim);
        siluBackward(dc, h2, s2, scratch, dh2);
        fc2.backward(a1, dh2, dh1, 0.0, scratch);
        siluBackward(dh1, h1, s1, scratch, dh1);
        fc1.backward(e, dh1, null, 0.0, scratch);
    }

    private static void silu(INDArray h, INDArray s, INDArray out) {
        Nd.sigmoid(h, s);
        Nd.mul(h, s, out);
    }

    /** dh = da * s * (1 + h (1 - s)); dh may alias da. */
    private static void siluBackward(INDArray da, INDArray h, INDArray s, Buffers scratch, INDArray dh) {
        INDArray t = scratch.get("time.t", h.shape());
        t.assign(s).rsubi(1.0);
        Nd.mul(t, h, t);
        t.addi(1.0);
        Nd.mul(t, s, t);
        Nd.mul(da, t, dh);
    }
}

package org.tokendrift.eval.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.nn.Checkpoint;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.DiTConfig;
import org.tokendrift.nn.ExponentialMovingAverage;
import org.tokendrift.nn.Param;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Small DiTs for evaluation tests: random (non-zero) weights, saved as checkpoints with EMA weights. */
public final class TinyModels {

    private TinyModels() {
    }

    /** A small configuration: width 16, one layer, two heads, no dropout. */
    public static DiTConfig config(int vocab, int seqLen, boolean causal, boolean timeConditioning) {
        return DiTConfig.builder().vocabSize(vocab).seqLen(seqLen).width(16).layers(1).heads(2).condDim(8).mlpRatio(2)
                .dropout(0.0).causal(causal).timeConditioning(timeConditioning).dtype(DataType.FLOAT).build();
    }

    /**
     * A DiT whose every weight is drawn from {@code N(0, scale^2)}: a fresh DiT predicts uniformly
     * (zero-initialised output layer), which would make every test of the scoring maths trivial.
     */
    public static DiT randomised(DiTConfig cfg, long seed, double scale) {
        DiT model = new DiT(cfg, seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (Param p : model.parameters().all()) {
            INDArray value = p.value();
            double[] draws = new double[Math.toIntExact(value.length())];
            for (int i = 0; i < draws.length; i++) {
                draws[i] = scale * gaussian(random);
            }
            value.assign(Nd4j.createFromArray(draws).reshape(value.shape()).castTo(value.dataType()));
        }
        return model;
    }

    /** Saves the model with EMA weights equal to its current weights (one EMA update with decay 0). */
    public static void saveWithEma(DiT model, Path file) throws IOException {
        ExponentialMovingAverage ema = new ExponentialMovingAverage(model.parameters(), 0.0);
        ema.update();
        Checkpoint.save(file, model, null, ema);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; 1 - u keeps the logarithm finite.
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}

package org.tokendrift.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.tokendrift.data.DataPaths;
import org.tokendrift.data.Split;
import org.tokendrift.data.TokenDataset;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.DiTConfig;
import org.tokendrift.nn.Param;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tiny continual runs on the shipped sample data (V 4096, L 128, width 16, one layer, batch 4). */
final class ContinualFixtures {

    private ContinualFixtures() {
    }

    static DiTConfig tinyModel(int width) {
        return tinyModel(width, false);
    }

    static DiTConfig tinyModel(int width, boolean timeConditioning) {
        return DiTConfig.builder().vocabSize(4096).seqLen(128).width(width).layers(1).heads(2).condDim(8).mlpRatio(2)
                .dropout(0.0).timeConditioning(timeConditioning).dtype(DataType.FLOAT).build();
    }

    static TrainingConfig tinyTraining(String name, DiTConfig model, long steps, double learningRate) {
        return tinyTraining(name, TrainingConfig.Objective.MDLM, model, steps, learningRate);
    }

    static TrainingConfig tinyTraining(String name, TrainingConfig.Objective objective, DiTConfig model, long steps,
                                       double learningRate) {
        return new TrainingConfig(name, objective, model, 4, steps, learningRate, 2, 0.0, 1.0, 0.9, 7,
                1, 2, 1, 1, 2, 0, DataPaths.sampleDir().toString(), 0, 0);
    }

    /** A TokenDrift (or continuation) config on the tiny model: micro-batch 2, queues of 6. */
    static ContinualConfig tinyContinual(ContinualConfig.Method method, long steps, double learningRate) {
        ContinualConfig c = ContinualConfig.withDefaults("test", method, tinyTraining("tiny-" + method, tinyModel(16), steps, learningRate));
        return new ContinualConfig(c.notes(), method, c.training(),
                c.tokenDrift().toBuilder().microBatch(2).queueCapacity(6).build(), 1);
    }

    static TokenDataset train() throws IOException {
        return TokenDataset.open(DataPaths.sampleDir(), Split.TRAIN);
    }

    static TokenDataset valid() throws IOException {
        return TokenDataset.open(DataPaths.sampleDir(), Split.VALID);
    }

    /** A base checkpoint: three MDLM pretraining steps, so its EMA and raw weights differ. */
    static Path pretrainedBase(Path dir, long seed) throws IOException {
        return pretrainedBase(dir, seed, tinyTraining("base", tinyModel(16), 3, 1e-2));
    }

    /** A base checkpoint after three steps of {@code base} (with the given seed). */
    static Path pretrainedBase(Path dir, long seed, TrainingConfig base) throws IOException {
        base = new TrainingConfig(base.name(), base.objective(), base.model(), base.batchSize(), base.steps(), base.learningRate(),
                base.warmupSteps(), base.weightDecay(), base.gradClip(), base.emaDecay(), seed, base.logEvery(), 3, 1, 3, 1, 0,
                base.dataDir(), 0, 0);
        return new Trainer(base, new RunDirectory(dir), Objectives.of(base), train(), valid()).run(Duration.ofDays(1), false)
                .lastCheckpoint();
    }

    static Trainer.Outcome run(ContinualConfig cfg, Path base, Path dir) throws IOException {
        return ContinualRun.prepare(cfg, base, new RunDirectory(dir)).train(train(), valid(), Duration.ofDays(1), false);
    }

    static Map<String, float[]> weights(DiT model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Param p : model.parameters().all()) {
            out.put(p.name(), p.value().dup().data().asFloat());
        }
        return out;
    }

    static double maxAbsDifference(Map<String, float[]> a, Map<String, float[]> b) {
        double m = 0;
        for (String name : a.keySet()) {
            for (int i = 0; i < a.get(name).length; i++) {
                m = Math.max(m, Math.abs(a.get(name)[i] - b.get(name)[i]));
            }
        }
        return m;
    }
}

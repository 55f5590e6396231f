package org.tokendrift.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tokendrift.data.BatchCursor;
import org.tokendrift.data.BatchIterator;
import org.tokendrift.data.TokenDataset;
import org.tokendrift.nn.AdamW;
import org.tokendrift.nn.AdamWConfig;
import org.tokendrift.nn.Checkpoint;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.ExponentialMovingAverage;
import org.tokendrift.nn.GradientClipping;
import org.tokendrift.nn.Param;
import org.tokendrift.nn.WarmupConstantSchedule;
import org.tokendrift.util.SeededStreams;

import java.util.random.RandomGenerator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The training loop shared by pretraining and the judge: AdamW with warm-up, global-norm clipping,
 * EMA weights, periodic validation on fixed batches with the EMA weights, atomic checkpoints, and
 * exact resume.
 *
 * <p>Resume is exact up to dropout noise: the optimiser step count is the training step, the data
 * cursor is a function of the step, and each step's noise comes from a generator seeded by
 * {@code (seed, step)}. So the newest checkpoint that verifies is the whole state; a run killed at
 * any moment loses at most {@code checkpointEvery} steps. State an objective keeps outside the
 * model (TokenDrift's feature queues) is saved beside each checkpoint, see {@link StatefulObjective}.
 *
 * <p>Continual training: given starting weights, a run without a checkpoint starts from them (with
 * a fresh optimiser and an EMA that starts at them) instead of a random initialisation, and logs a
 * validation row at step 0 so that its curves start at the starting point. An objective that is a
 * {@link DiagnosedObjective} also gets {@code diagnostics.csv}.
 */
public final class Trainer {

    /** What a call to {@link #run} ended with. */
    public record Outcome(long step, boolean finished, Path lastCheckpoint, double validationPerplexity) {
    }

    static final List<String> LOG_COLUMNS = List.of("step", "loss", "lr", "grad_norm", "tokens", "elapsed_s",
            "val_nelbo", "val_ppl", "rss_mb");

    private final TrainingConfig cfg;
    private final RunDirectory run;
    private final Objective objective;
    private final TokenDataset train;
    private final TokenDataset valid;
    private final DiT startingWeights;

    /** A run that starts from a random initialisation drawn from {@code cfg.seed()}. */
    public Trainer(TrainingConfig cfg, RunDirectory run, Objective objective, TokenDataset train, TokenDataset valid) {
        this(cfg, run, objective, train, valid, null);
    }

    /**
     * A run that starts from the weights of {@code startingWeights} (copied; {@code null}: random
     * initialisation), e.g. a base checkpoint's EMA weights for continual training. Resuming from
     * the run's own checkpoint takes precedence.
     */
    public Trainer(TrainingConfig cfg, RunDirectory run, Objective objective, TokenDataset train, TokenDataset valid,
                   DiT startingWeights) {
        if (train.blockLength() != cfg.model().seqLen() || valid.blockLength() != cfg.model().seqLen()) {
            throw new IllegalArgumentException("data blocks have length " + train.blockLength() + " but the model's seqLen is "
                    + cfg.model().seqLen() + "; encode the data with the model's length");
        }
        if (train.vocabSize() != cfg.model().vocabSize()) {
            throw new IllegalArgumentException("data vocabulary has " + train.vocabSize() + " tokens but the model's vocabSize is "
                    + cfg.model().vocabSize() + "; the checkpoint and the tokenizer would not match");
        }
        this.cfg = cfg;
        this.run = run;
        this.objective = objective;
        this.train = train;
        this.valid = valid;
        this.startingWeights = startingWeights;
    }

    /**
     * Trains from the newest valid checkpoint (or from scratch) until {@code cfg.steps()} or until
     * {@code budget} wall time has passed, checkpointing on the way and at the end.
     */
    public Outcome run(Duration budget, boolean progress) throws IOException {
        checkConfig();
        DiT model = new DiT(cfg.model(), cfg.seed());
        if (startingWeights != null) {
            // Before the EMA is created, so that the average starts at the starting weights too.
            copyWeights(startingWeights, model);
        }
        AdamW optimizer = new AdamW(AdamWConfig.builder().weightDecay(cfg.weightDecay()).build(), model.parameters());
        ExponentialMovingAverage ema = new ExponentialMovingAverage(model.parameters(), cfg.emaDecay());
        StatefulObjective stateful = objective instanceof StatefulObjective s ? s : null;
        Optional<Path> resumed = run.latestValidCheckpoint(p -> tryLoad(p, model, optimizer, ema, stateful));
        if (resumed.isEmpty() && stateful != null) {
            stateful.resetState();
        }
        long step = optimizer.stepCount();
        if (resumed.isPresent()) {
            System.err.println(cfg.name() + ": resuming from " + resumed.get() + " (step " + step + ")");
        }
        BatchIterator batches = train.batches(cfg.batchSize(), cfg.seed(), cursorAt(step));
        WarmupConstantSchedule schedule = new WarmupConstantSchedule(cfg.learningRate(), cfg.warmupSteps());
        long start = System.nanoTime();
        double lossSum = 0;
        int lossCount = 0;
        double gradNorm = Double.NaN;
        double valPpl = Double.NaN;
        Path last = resumed.orElse(null);
        try (TrainingLog log = TrainingLog.open(run.logFile(), LOG_COLUMNS, step);
             DiagnosticsLog diagnosticsLog = DiagnosticsLog.open(objective, run, step);
             ProgressBar bar = progressBar(step, progress)) {
            if (startingWeights != null && step == 0) {
                // A continual run's curves start at its starting weights: validate them as step 0.
                Validation initial = validate(model, ema);
                valPpl = Math.exp(initial.nelbo());
                log.append(0, Double.NaN, Double.NaN, Double.NaN, 0, (System.nanoTime() - start) / 1e9,
                        initial.nelbo(), valPpl, ProcessMemory.residentMb());
                if (diagnosticsLog != null) {
                    diagnosticsLog.append(0, initial.diagnostics());
                }
            }
            while (step < cfg.steps()) {
                double loss = objective.trainStep(model, batches.next(), step, SeededStreams.stream(cfg.seed(), step));
                if (diagnosticsLog != null) {
                    diagnosticsLog.afterStep();
                }
                NonFiniteGuard.requireFinite(step, "loss", loss);
                gradNorm = GradientClipping.clipGlobalNorm(model.parameters(), cfg.gradClip());
                if (!Double.isFinite(gradNorm)) {
                    NonFiniteGuard.requireFinite(step, gradients(model));
                    NonFiniteGuard.requireFinite(step, "gradient norm", gradNorm);
                }
                optimizer.step(schedule.learningRate(step));
                ema.update();
                step++;
                lossSum += loss;
                lossCount++;
                boolean done = step == cfg.steps();
                boolean outOfTime = System.nanoTime() - start > budget.toNanos();
                Validation validation = null;
                double valNelbo = Double.NaN;
                if (step % cfg.evalEvery() == 0 || done) {
                    validation = validate(model, ema);
                    valNelbo = validation.nelbo();
                    valPpl = Math.exp(valNelbo);
                }
                if (step % cfg.logEvery() == 0 || done || outOfTime || !Double.isNaN(valNelbo)) {
                    log.append(step, lossSum / lossCount, schedule.learningRate(step - 1), gradNorm,
                            (double) step * cfg.batchSize() * cfg.model().seqLen(), (System.nanoTime() - start) / 1e9,
                            valNelbo, Double.isNaN(valNelbo) ? Double.NaN : valPpl, ProcessMemory.residentMb());
                    if (diagnosticsLog != null) {
                        diagnosticsLog.append(step, validation == null ? null : validation.diagnostics());
                    }
                    lossSum = 0;
                    lossCount = 0;
                }
                if (step % cfg.checkpointEvery() == 0 || done || outOfTime) {
                    last = run.checkpoint(step);
                    Checkpoint.save(last, model, optimizer, ema);
                    if (stateful != null) {
                        // After the checkpoint: a kill in between leaves a checkpoint without its
                        // state, which resume skips like a corrupt one.
                        stateful.saveState(run.stateFile(step));
                    }
                    run.prune(cfg.keepLast(), cfg.keepEvery());
                }
                if (bar != null) {
                    bar.stepTo(step);
                    bar.setExtraMessage(String.format(" loss %.3f%s", loss, Double.isNaN(valPpl) ? "" : String.format(" val ppl %.1f", valPpl)));
                }
                if (outOfTime && !done) {
                    System.err.println(cfg.name() + ": time budget used up at step " + step + "; resume with the same command");
                    return new Outcome(step, false, last, valPpl);
                }
            }
        }
        return new Outcome(step, true, last, valPpl);
    }

    /** Validation NELBO (or NLL) per token, and an objective's validation diagnostics (else null). */
    private record Validation(double nelbo, double[] diagnostics) {
    }

    /** Validation with the EMA weights on fixed batches and fixed noise. */
    private Validation validate(DiT model, ExponentialMovingAverage ema) {
        double sum = 0;
        long tokens = 0;
        int b = cfg.batchSize();
        int batchesAvailable = valid.blockCount() / b;
        List<int[][]> batches = new ArrayList<>();
        for (int i = 0; i < Math.min(cfg.evalBatches(), batchesAvailable); i++) {
            batches.add(valid.blocks(i * b, (i + 1) * b));
        }
        if (batches.isEmpty()) {
            throw new IllegalStateException("the validation split has fewer than " + b + " blocks");
        }
        double[] diagnostics = null;
        try (ExponentialMovingAverage.Swap swap = ema.swapIn()) {
            for (int i = 0; i < batches.size(); i++) {
                Objective.Validation v = objective.validate(model, batches.get(i), validationRandom(i));
                sum += v.lossSum();
                tokens += v.tokens();
            }
            if (objective instanceof DiagnosedObjective d) {
                List<RandomGenerator> noise = new ArrayList<>();
                for (int i = 0; i < batches.size(); i++) {
                    noise.add(validationRandom(i));
                }
                diagnostics = d.validationDiagnostics(model, batches, noise);
            }
        }
        return new Validation(sum / tokens, diagnostics);
    }

    /** The noise of validation batch {@code i}: the same at every validation pass, so passes compare. */
    private RandomGenerator validationRandom(int i) {
        return SeededStreams.stream(ValidationNoise.seed(cfg.seed()), i);
    }

    /** Copies every parameter of {@code from} into {@code to}; the shapes must agree. */
    private static void copyWeights(DiT from, DiT to) {
        for (Param p : to.parameters().all()) {
            INDArray source = from.param(p.name());
            if (!java.util.Arrays.equals(source.shape(), p.value().shape())) {
                throw new IllegalArgumentException("starting weights: parameter '" + p.name() + "' has shape "
                        + java.util.Arrays.toString(source.shape()) + " but the model needs "
                        + java.util.Arrays.toString(p.value().shape()));
            }
            p.value().assign(source.castTo(p.value().dataType()));
        }
    }

    private void checkConfig() throws IOException {
        if (java.nio.file.Files.exists(run.configFile())) {
            TrainingConfig previous = TrainingConfig.read(run.configFile());
            if (!previous.resumableFrom(cfg)) {
                throw new IllegalArgumentException("run directory " + run.root() + " holds a run with another model, data or seed ("
                        + run.configFile() + "); use a new run directory or the same config");
            }
        }
        cfg.write(run.configFile());
    }

    private BatchCursor cursorAt(long step) {
        long perEpoch = train.blockCount() / cfg.batchSize();
        return new BatchCursor(step / perEpoch, (int) (step % perEpoch));
    }

    private static boolean tryLoad(Path file, DiT model, AdamW optimizer, ExponentialMovingAverage ema, StatefulObjective stateful) {
        try {
            if (stateful != null) {
                // First, so that a missing state file leaves the model untouched.
                stateful.loadState(RunDirectory.stateFileOf(file));
            }
            Checkpoint.load(file, model, optimizer, ema);
            return true;
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot load " + file + ": " + e.getMessage());
            return false;
        }
    }

    private static Map<String, INDArray> gradients(DiT model) {
        Map<String, INDArray> grads = new LinkedHashMap<>();
        for (Param p : model.parameters().all()) {
            grads.put("gradient of " + p.name(), p.grad());
        }
        return grads;
    }

    private ProgressBar progressBar(long step, boolean progress) {
        if (!progress) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(cfg.name()).setInitialMax(cfg.steps()).startsFrom(step, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(2000).setMaxRenderedLength(120).build();
    }
}

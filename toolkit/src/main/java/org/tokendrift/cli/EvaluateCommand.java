package org.tokendrift.cli;

import org.tokendrift.diffusion.DuoFinalStep;
import org.tokendrift.eval.Methods;
import org.tokendrift.eval.NfeSweep;
import org.tokendrift.eval.ResultRow;
import org.tokendrift.eval.SampleDescriptor;
import org.tokendrift.eval.SampleEvaluator;
import org.tokendrift.eval.SweepCell;
import org.tokendrift.eval.SweepConfig;
import org.tokendrift.eval.model.DiffusionBackbone;
import org.tokendrift.eval.model.DiffusionSampleSource;
import org.tokendrift.eval.model.EvaluationWeights;
import org.tokendrift.eval.model.NfeSampler;
import org.tokendrift.eval.model.TokenizerCodec;
import org.tokendrift.nn.DiT;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code tokendrift evaluate}: samples a diffusion checkpoint (EMA weights, or the weights of an
 * EMA-only export) at every requested NFE
 * and seed, scores the samples with the judge (Gen-PPL) and the diversity metrics, writes one
 * samples JSONL per (NFE, seed) and upserts one row per (NFE, seed) into the results CSV
 * ({@link NfeSweep}). With {@code --skip-existing}, cells whose row is already in the CSV (same
 * backbone, method, train_steps, seed, nfe and num_samples) are skipped and listed, and nothing is
 * loaded when every cell is done. {@code evaluate real-text} writes the real-text reference rows
 * ({@link RealTextCommand}).
 *
 * <p>The requested NFE is the number of network calls each sampler run makes: loop steps =
 * NFE - 1 plus the sampler's final call ({@link NfeSampler}); the counted calls are checked.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Sample a checkpoint at each NFE and seed, score the samples (Gen-PPL under the judge, entropy, "
                + "distinct-n, self-BLEU), write samples JSONL and upsert rows into the results CSV.",
                "NFE n runs n - 1 sampler steps plus the final step, so exactly n network calls (counted and checked)."},
        subcommands = {RealTextCommand.class})
public final class EvaluateCommand implements Callable<Integer> {

    // Options are not marked required so that `evaluate real-text` can be run without them; call() checks them.
    @Option(names = "--checkpoint", description = "Diffusion checkpoint to evaluate (its EMA weights are used; an EMA-only export works as well).")
    Path checkpoint;

    @Option(names = "--backbone", description = "mdlm or duo: the family of the checkpoint.")
    String backbone;

    @Option(names = "--method", description = "Method column of the results: pretrained, continuation, tokendrift, ...")
    String method;

    @Option(names = "--train-steps", defaultValue = "-1", description = "Training steps of the checkpoint (train_steps column).")
    int trainSteps;

    @Option(names = "--nfe", split = ",", description = "NFE values, e.g. 4,8,16 (default: 4,8,16,32,64,128,256).")
    List<Integer> nfes = new ArrayList<>(SweepConfig.DEFAULT_NFES);

    @Option(names = "--seeds", split = ",", description = "Sampler seeds (default: 0,1,2).")
    List<Long> seeds = new ArrayList<>(SweepConfig.DEFAULT_SEEDS);

    @Option(names = "--samples", defaultValue = "" + SweepConfig.DEFAULT_NUM_SAMPLES,
            description = "Samples per (NFE, seed) (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--batch-size", defaultValue = "" + DiffusionSampleSource.DEFAULT_BATCH_SIZE,
            description = "Sequences per sampler run (default: ${DEFAULT-VALUE}); larger batches make a skipped MDLM "
                    + "cache call (which would make the counted NFE differ) rarer.")
    int batchSize;

    @Option(names = "--duo-final-step", defaultValue = "ancestral",
            description = "DUO final step: ancestral (reference), greedy (Greedy-Tail) or none (default: ${DEFAULT-VALUE}).")
    String duoFinalStep;

    @Option(names = "--no-mdlm-cache", description = "Switch the MDLM ddpm_cache off (every step calls the network).")
    boolean noMdlmCache;

    @Option(names = "--no-progress", description = "No progress bar (for logs).")
    boolean noProgress;

    @Mixin
    JudgeOptions judgeOptions;

    @Mixin
    ResultsOptions resultsOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        requireOptions();
        DiffusionBackbone family = DiffusionBackbone.parse(backbone);
        SampleDescriptor descriptor = new SampleDescriptor(family.label(), method, checkpoint.toString(), trainSteps);
        SweepConfig config = SweepConfig.builder().nfes(nfes).seeds(seeds).numSamples(samples)
                .samplesDir(resultsOptions.samplesDir).resultsCsv(resultsOptions.results).showProgress(!noProgress)
                .skipExisting(resultsOptions.skipExisting).build();
        // Before any model is loaded, so that a rerun over finished cells costs nothing.
        List<SweepCell> finished = NfeSweep.finishedCells(config, descriptor);
        for (SweepCell cell : finished) {
            out.printf(Locale.ROOT, "skip %s/%s at %d steps, %s: a row with %d samples is already in %s%n", descriptor.backbone(),
                    method, trainSteps, cell, samples, resultsOptions.results);
        }
        if (!finished.isEmpty() && finished.size() == config.cells().size()) {
            out.printf(Locale.ROOT, "evaluate: all %d cells of %s are already in %s; nothing to do%n", finished.size(),
                    checkpoint, resultsOptions.results);
            out.flush();
            return 0;
        }
        TokenizerCodec codec = judgeOptions.codec();
        DiT model = EvaluationWeights.loadDenoiser(checkpoint, family, codec.vocabSize());
        SampleEvaluator evaluator = new SampleEvaluator(judgeOptions.genPpl(codec));
        if (judgeOptions.judgeContext() < model.config().seqLen()) {
            out.printf(Locale.ROOT, "note: the judge's context (%d tokens) is shorter than the samples (%d tokens); Gen-PPL "
                    + "scores only the first %d judge tokens of each sample%n", judgeOptions.judgeContext(),
                    model.config().seqLen(), judgeOptions.judgeContext());
        }
        NfeSampler sampler = family == DiffusionBackbone.MDLM
                ? NfeSampler.mdlm(DiffusionBackbone.mdlmConfig(model.config()), !noMdlmCache, true)
                : NfeSampler.duo(DiffusionBackbone.duoConfig(model.config()), parseFinalStep(duoFinalStep));
        for (int nfe : nfes) {
            sampler.stepsFor(nfe); // fail before any sampling if an NFE cannot be reached
        }
        if (family == DiffusionBackbone.DUO && parseFinalStep(duoFinalStep) != DuoFinalStep.ANCESTRAL
                && !method.toLowerCase(Locale.ROOT).contains(duoFinalStep.toLowerCase(Locale.ROOT))) {
            // The final step is not part of a row's key: rows of both samplers under one method would replace each other.
            out.printf(Locale.ROOT, "note: the %s final step is not recorded in the row key; use a method name such as "
                    + "'%s-%s' to keep these rows apart from the ancestral ones%n", duoFinalStep, method, duoFinalStep);
        }
        DiffusionSampleSource source = new DiffusionSampleSource(model, sampler, descriptor, batchSize);

        out.printf(Locale.ROOT, "evaluate: %s (%s, %d steps) with %s; %d samples x %d seeds at NFE %s (%d of %d cells to do)%n",
                checkpoint, method, trainSteps, sampler.description(), samples, seeds.size(), nfes,
                config.cells().size() - finished.size(), config.cells().size());
        out.flush();
        long start = System.nanoTime();
        List<ResultRow> rows = new NfeSweep(config, codec, evaluator).run(source);
        double totalSeconds = (System.nanoTime() - start) / 1e9;
        printRows(out, rows, source.generations(), totalSeconds);
        out.println("rows upserted into " + resultsOptions.results + "; samples in " + resultsOptions.samplesDir);
        out.flush();
        return 0;
    }

    private void requireOptions() {
        List<String> missing = new ArrayList<>();
        if (checkpoint == null) {
            missing.add("--checkpoint");
        }
        if (backbone == null) {
            missing.add("--backbone");
        }
        if (method == null) {
            missing.add("--method");
        }
        if (trainSteps < 0) {
            missing.add("--train-steps");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing " + String.join(", ", missing)
                    + " (or run `evaluate real-text` for the real-text reference)");
        }
        if (!method.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("--method must be a plain name (letters, digits, . _ -), got '" + method + "'");
        }
        if (method.equals(Methods.REAL_TEXT)) {
            throw new IllegalArgumentException("method " + Methods.REAL_TEXT + " is reserved for held-out text; "
                    + "use `evaluate real-text`");
        }
    }

    static DuoFinalStep parseFinalStep(String name) {
        for (DuoFinalStep step : DuoFinalStep.values()) {
            if (step.name().equalsIgnoreCase(name)) {
                return step;
            }
        }
        throw new IllegalArgumentException("unknown --duo-final-step '" + name + "'; expected ancestral, greedy or none");
    }

    private static void printRows(PrintWriter out, List<ResultRow> rows, List<DiffusionSampleSource.Generation> generations,
                                  double totalSeconds) {
        out.println("seed  nfe  steps  counted_nfe  sample_s  gen_ppl  entropy  distinct2  distinct4  self_bleu");
        double sampling = 0;
        for (int i = 0; i < rows.size(); i++) {
            ResultRow r = rows.get(i);
            DiffusionSampleSource.Generation g = generations.get(i);
            sampling += g.seconds();
            out.printf(Locale.ROOT, "%4d %4d %6d %12s %9.1f %8.2f %8.3f %10.4f %10.4f %10.4f%n", r.seed(), r.nfe(), g.steps(),
                    java.util.Arrays.toString(g.countedNfe()), g.seconds(), r.genPpl(), r.entropy(), r.distinct2(),
                    r.distinct4(), r.selfBleu());
        }
        out.printf(Locale.ROOT, "time: %.1f s in all, %.1f s sampling, %.1f s scoring and writing%n", totalSeconds,
                sampling, totalSeconds - sampling);
    }
}

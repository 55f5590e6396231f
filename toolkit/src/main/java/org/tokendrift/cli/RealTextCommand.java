package org.tokendrift.cli;

import org.tokendrift.data.DataPaths;
import org.tokendrift.data.Split;
import org.tokendrift.data.TokenDataset;
import org.tokendrift.eval.ExistingRows;
import org.tokendrift.eval.ResultRow;
import org.tokendrift.eval.SanityChecks;
import org.tokendrift.eval.SweepCell;
import org.tokendrift.eval.SweepConfig;
import org.tokendrift.eval.model.DiffusionBackbone;
import org.tokendrift.eval.model.HeldOutBlocks;
import org.tokendrift.eval.model.RealTextReference;
import org.tokendrift.eval.model.TokenizerCodec;
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
 * {@code tokendrift evaluate real-text}: the judge's real-vs-shuffled sanity check, then the
 * {@code real_text} reference rows ({@code nfe = 0}, {@code train_steps = 0}, one per backbone and
 * seed) from held-out validation blocks of the model length, scored exactly like samples
 * ({@link RealTextReference}). Nothing is written if the judge fails the check. With
 * {@code --skip-existing} nothing is done when every requested row is already in the results CSV.
 */
@Command(name = "real-text", mixinStandardHelpOptions = true,
        description = {"Check that the judge scores held-out text far better than the same tokens shuffled, then write "
                + "the real_text reference rows (nfe 0, train_steps 0) for each backbone and seed."})
public final class RealTextCommand implements Callable<Integer> {

    @Option(names = "--samples", defaultValue = "" + SweepConfig.DEFAULT_NUM_SAMPLES,
            description = "Held-out blocks per seed (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seeds", split = ",", description = "Seeds choosing the blocks (default: 0,1,2).")
    List<Long> seeds = new ArrayList<>(SweepConfig.DEFAULT_SEEDS);

    @Option(names = "--backbone", split = ",", description = "Backbones the reference row is written for (default: mdlm,duo).")
    List<String> backbones = new ArrayList<>(List.of("mdlm", "duo"));

    @Option(names = "--data-dir", description = "Folder with valid.bin(.json), the held-out blocks (default: data/corpus).")
    Path dataDir;

    @Option(names = "--length", defaultValue = "0",
            description = "Tokens per block, the model length (default: the block length of the data, 128).")
    int length;

    @Option(names = "--min-shuffle-ratio", defaultValue = "" + RealTextReference.DEFAULT_MIN_SHUFFLE_RATIO,
            description = "Fail unless Gen-PPL(shuffled) / Gen-PPL(real) reaches this (default: ${DEFAULT-VALUE}).")
    double minShuffleRatio;

    @Mixin
    JudgeOptions judgeOptions;

    @Mixin
    ResultsOptions resultsOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * True if every requested (backbone, seed) reference row is already in the results CSV with this
     * number of samples. The rows are cheap next to sampling, so a partial set is simply redone.
     */
    private boolean allRowsExist(List<String> labels) throws IOException {
        ExistingRows existing = ExistingRows.read(resultsOptions.results);
        return labels.stream().allMatch(label -> seeds.stream().allMatch(seed ->
                existing.contains(new SweepCell(seed, 0).key(SanityChecks.realTextDescriptor(label)), samples)));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<String> labels = backbones.stream().map(name -> DiffusionBackbone.parse(name).label()).distinct().toList();
        if (resultsOptions.skipExisting && allRowsExist(labels)) {
            out.printf(Locale.ROOT, "evaluate real-text: the real_text rows of %s for seeds %s (%d samples) are already in %s; "
                    + "nothing to do%n", labels, seeds, samples, resultsOptions.results);
            out.flush();
            return 0;
        }
        TokenizerCodec codec = judgeOptions.codec();
        TokenDataset heldOut = TokenDataset.open(dataDir != null ? dataDir : DataPaths.corpusDir(), Split.VALID);
        if (heldOut.vocabSize() != codec.vocabSize()) {
            throw new IllegalArgumentException("held-out blocks were encoded with a vocabulary of " + heldOut.vocabSize()
                    + " ids but the tokenizer has " + codec.vocabSize());
        }
        int blockLength = length > 0 ? length : heldOut.blockLength();
        RealTextReference reference = new RealTextReference(codec, judgeOptions.genPpl(codec), minShuffleRatio);

        long checkSeed = seeds.get(0);
        SanityChecks.ShuffleCheck check = reference.shuffleCheck(
                HeldOutBlocks.select(heldOut, samples, checkSeed, blockLength), checkSeed);
        out.printf(Locale.ROOT, "sanity check (%d held-out blocks of %d tokens, seed %d): real Gen-PPL %.2f, shuffled %.2f, "
                        + "ratio %.2f (minimum %.2f)%n", samples, blockLength, checkSeed, check.real().genPpl(),
                check.shuffled().genPpl(), check.ratio(), minShuffleRatio);
        out.flush();
        reference.requirePassing(check);

        List<ResultRow> rows = reference.writeRows(labels, heldOut, samples, blockLength, seeds, resultsOptions.samplesDir,
                resultsOptions.results);
        for (ResultRow r : rows) {
            out.printf(Locale.ROOT, "%s real_text seed %d: gen_ppl %.2f entropy %.3f distinct2 %.4f distinct4 %.4f "
                    + "self_bleu %.4f%n", r.backbone(), r.seed(), r.genPpl(), r.entropy(), r.distinct2(), r.distinct4(),
                    r.selfBleu());
        }
        out.println("rows upserted into " + resultsOptions.results + "; samples in " + resultsOptions.samplesDir);
        out.flush();
        return 0;
    }
}

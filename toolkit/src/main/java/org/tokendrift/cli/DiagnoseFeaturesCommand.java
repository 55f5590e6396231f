package org.tokendrift.cli;

import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.tokendrift.data.DataPaths;
import org.tokendrift.data.Split;
import org.tokendrift.data.TokenDataset;
import org.tokendrift.drift.DiTFeatureEncoder;
import org.tokendrift.drift.EncoderNoiseLevel;
import org.tokendrift.drift.FeatureSeparation;
import org.tokendrift.drift.SoftTokenLift;
import org.tokendrift.drift.TokenDriftConfig;
import org.tokendrift.drift.TokenDriftObjective;
import org.tokendrift.eval.SampleFiles;
import org.tokendrift.eval.model.DiffusionBackbone;
import org.tokendrift.eval.model.EvaluationWeights;
import org.tokendrift.eval.model.JudgeScorer;
import org.tokendrift.nn.DiT;
import org.tokendrift.tokenizer.SpecialToken;
import org.tokendrift.train.ContinualConfig;
import org.tokendrift.util.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code tokendrift diagnose features}: where sample sets lie in the frozen encoder's feature space
 * (the pooled, L2-normalised TokenDrift feature of a base checkpoint), against real validation
 * text ({@link FeatureSeparation}). The reference is {@code --reference} validation blocks spread
 * evenly over the split; the held-out real set is as many blocks halfway between them (neighbouring
 * blocks share documents). The 1-NN accuracy of each set against the held-out set is printed beside
 * its chance level for the two set sizes. With {@code --judge}, each set's mean judge NLL per
 * token and the rank correlation, over every sequence, between its nearest-reference distance and
 * its judge NLL: a feature that sees fluency gives a clearly positive correlation. The judge NLL
 * here scores the sampled token ids as they are, every position after the first, including special
 * tokens and text after an {@code [EOS]}; it is not Gen-PPL's protocol (which decodes, re-encodes and
 * stops at the first end of sequence), only a per-sequence fluency score to rank by.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Separation of sample sets from real text in the frozen encoder's pooled feature space.")
public final class DiagnoseFeaturesCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, description = "Base checkpoint: its frozen copy is the encoder phi.")
    Path checkpoint;

    @Option(names = "--backbone", required = true, description = "mdlm or duo: the family of the checkpoint.")
    String backbone;

    @Parameters(arity = "1..*", paramLabel = "SAMPLES", description = "Sample files (.jsonl) written by evaluate.")
    List<Path> sampleFiles;

    @Option(names = "--config", description = "Continual config whose tokenDrift section defines the feature "
            + "(default: the paper's: last two layers, mean-pooled, L2-normalised, clean input).")
    Path config;

    @Option(names = "--reference", defaultValue = "64",
            description = "Real validation blocks in the reference and in the held-out set (default: ${DEFAULT-VALUE}).")
    int reference;

    @Option(names = "--data-dir", description = "Folder with valid.bin(.json) (default: data/corpus).")
    Path dataDir;

    @Option(names = "--judge", description = "Judge checkpoint: adds each set's mean judge NLL and the rank correlation.")
    Path judge;

    @Option(names = "--out", description = "Also write the table to this CSV file.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final int CHUNK = 16;

    @Override
    public Integer call() throws IOException {
        TokenDriftConfig drift = config != null ? ContinualConfig.read(config).tokenDrift() : TokenDriftConfig.defaults();
        if (drift.encoderNoiseLevel() != EncoderNoiseLevel.CLEAN) {
            throw new IllegalArgumentException("the feature of " + config + " encodes corrupted text (encoderNoiseLevel "
                    + drift.encoderNoiseLevel() + "); this diagnosis encodes clean text only");
        }
        if (reference < 2) {
            throw new IllegalArgumentException("--reference must be at least 2, got " + reference);
        }
        DiffusionBackbone family = DiffusionBackbone.parse(backbone);
        TokenDataset valid = TokenDataset.open(dataDir != null ? dataDir : DataPaths.corpusDir(), Split.VALID);
        DiT base = EvaluationWeights.loadDenoiser(checkpoint, family, valid.vocabSize());
        TokenDriftObjective phi = new TokenDriftObjective(drift, DiTFeatureEncoder.frozenCopyOf(base),
                SoftTokenLift.NO_EXCLUDED_TOKEN);
        int seqLen = base.config().seqLen();
        int stride = valid.blockCount() / reference;
        if (stride < 2) {
            throw new IllegalArgumentException("the validation split has " + valid.blockCount() + " blocks, too few for "
                    + reference + " reference and " + reference + " held-out blocks");
        }
        int[][] referenceBlocks = new int[reference][];
        int[][] heldOutBlocks = new int[reference][];
        if (valid.blockLength() != seqLen) {
            throw new IllegalArgumentException("the validation blocks have " + valid.blockLength()
                    + " tokens, the encoder reads sequences of " + seqLen);
        }
        for (int i = 0; i < reference; i++) {
            referenceBlocks[i] = valid.block(i * stride);
            heldOutBlocks[i] = valid.block(i * stride + stride / 2);
        }
        double[][] referenceFeatures = features(phi, referenceBlocks);
        double[][] heldOutFeatures = features(phi, heldOutBlocks);
        JudgeScorer scorer = judge == null ? null
                : new JudgeScorer(EvaluationWeights.loadJudge(judge, valid.vocabSize()), SpecialToken.EOS.id(),
                JudgeScorer.DEFAULT_MAX_BATCH);

        List<String> names = new ArrayList<>(List.of("held-out real text"));
        List<int[][]> sets = new ArrayList<>(List.<int[][]>of(heldOutBlocks));
        for (Path file : sampleFiles) {
            names.add(file.getFileName().toString());
            sets.add(sampleTokens(file, seqLen));
        }
        Table table = Table.create("feature separation",
                StringColumn.create("set"), IntColumn.create("count"), DoubleColumn.create("mean_to_reference"),
                DoubleColumn.create("nearest_reference"), DoubleColumn.create("within"), DoubleColumn.create("one_nn_accuracy"), DoubleColumn.create("chance_accuracy"),
                DoubleColumn.create("judge_nll"));
        List<Double> nearest = new ArrayList<>();
        List<Double> nll = new ArrayList<>();
        for (int k = 0; k < sets.size(); k++) {
            double[][] f = k == 0 ? heldOutFeatures : features(phi, sets.get(k));
            // The held-out row compares real with real: its 1-NN accuracy is the chance level of this sample size.
            FeatureSeparation s = FeatureSeparation.of(f, referenceFeatures, k == 0 ? referenceFeatures : heldOutFeatures);
            double[] perSequenceNll = scorer == null ? null : meanNll(scorer, sets.get(k));
            if (perSequenceNll != null) {
                for (int i = 0; i < f.length; i++) {
                    nearest.add(FeatureSeparation.nearestSquaredDistance(f[i], referenceFeatures));
                    nll.add(perSequenceNll[i]);
                }
            }
            table.stringColumn("set").append(names.get(k));
            table.intColumn("count").append(s.count());
            table.doubleColumn("mean_to_reference").append(s.meanToReference());
            table.doubleColumn("nearest_reference").append(s.nearestReference());
            table.doubleColumn("within").append(s.within());
            table.doubleColumn("one_nn_accuracy").append(s.oneNnAccuracy());
            table.doubleColumn("chance_accuracy").append(FeatureSeparation.chanceAccuracy(f.length, heldOutFeatures.length));
            table.doubleColumn("judge_nll").append(perSequenceNll == null ? Double.NaN : Arrays.stream(perSequenceNll).average().orElse(Double.NaN));
        }
        for (String column : List.of("mean_to_reference", "nearest_reference", "within", "one_nn_accuracy", "chance_accuracy", "judge_nll")) {
            table.doubleColumn(column).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        }
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "phi = frozen %s (%s), feature: %s, l2 %s; reference and held-out: %d validation blocks each%n",
                checkpoint, family.label(), drift.pooledLayers(), drift.l2Normalize(), reference);
        printer.println(table.printAll());
        if (scorer != null) {
            double rho = new SpearmansCorrelation().correlation(nearest.stream().mapToDouble(Double::doubleValue).toArray(),
                    nll.stream().mapToDouble(Double::doubleValue).toArray());
            printer.printf(Locale.ROOT, "Spearman correlation over %d sequences between nearest-reference distance and "
                    + "judge NLL: %.3f%n", nearest.size(), rho);
        }
        if (out != null) {
            StringWriter csv = new StringWriter();
            table.write().csv(csv);
            AtomicFiles.writeString(out, csv.toString());
            printer.println("table written to " + out);
        }
        printer.flush();
        return 0;
    }

    private static double[][] features(TokenDriftObjective phi, int[][] tokens) {
        double[][] f = new double[tokens.length][];
        for (int from = 0; from < tokens.length; from += CHUNK) {
            int to = Math.min(tokens.length, from + CHUNK);
            double[][] part = phi.realFeatures(Arrays.copyOfRange(tokens, from, to), null);
            System.arraycopy(part, 0, f, from, part.length);
        }
        return f;
    }

    private static int[][] sampleTokens(Path file, int seqLen) throws IOException {
        int[][] ids = SampleFiles.read(file).tokenIds();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].length != seqLen) {
                throw new IllegalArgumentException(file + ": sample " + i + " has " + ids[i].length
                        + " tokens, the encoder reads sequences of " + seqLen);
            }
        }
        return ids;
    }

    /** Mean judge NLL per scored token (positions 1..L-1) of each sequence. */
    private static double[] meanNll(JudgeScorer scorer, int[][] tokens) {
        double[][] nll = scorer.nll(tokens);
        double[] mean = new double[tokens.length];
        for (int b = 0; b < tokens.length; b++) {
            mean[b] = Arrays.stream(nll[b], 1, nll[b].length).average().orElse(Double.NaN);
        }
        return mean;
    }
}

package org.tokendrift.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tokendrift.data.CorpusFiles;
import org.tokendrift.data.Document;
import org.tokendrift.tokenizer.BpeTokenizer;
import org.tokendrift.tokenizer.BpeTrainer;
import org.tokendrift.tokenizer.BpeTrainingConfig;
import org.tokendrift.util.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tokendrift tokenizer train}: learns the BPE merges on a corpus split and writes {@code tokenizer.json}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the byte-level BPE tokenizer on a JSONL corpus split and save it as tokenizer.json.")
public final class TokenizerTrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--corpus", defaultValue = "data/corpus/train.jsonl", description = "Training documents (default: ${DEFAULT-VALUE}).")
    Path corpus;

    @Option(names = "--vocab-size", defaultValue = "" + BpeTrainingConfig.DEFAULT_VOCAB_SIZE,
            description = "Vocabulary size, 4 special tokens included (default: ${DEFAULT-VALUE}).")
    int vocabSize;

    @Option(names = "--min-pair-count", defaultValue = "" + BpeTrainingConfig.DEFAULT_MIN_PAIR_COUNT,
            description = "Never merge a pair seen fewer times (default: ${DEFAULT-VALUE}).")
    int minPairCount;

    @Option(names = "--out", defaultValue = "data/tokenizer/tokenizer.json", description = "Output file (default: ${DEFAULT-VALUE}).")
    Path out;

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public Integer call() throws Exception {
        BpeTrainingConfig config = BpeTrainingConfig.builder().vocabSize(vocabSize).minPairCount(minPairCount).build();
        List<Document> docs = CorpusFiles.read(corpus);
        long bytes = docs.stream().mapToLong(d -> d.text().getBytes(StandardCharsets.UTF_8).length).sum();
        // Training runs on this thread; its CPU time is the cost, wall time also shows machine load.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        BpeTokenizer tokenizer = new BpeTrainer(config).train(docs.stream().map(Document::text).toList());
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        tokenizer.save(out);
        out().printf("tokenizer: %d tokens (%d merges) trained on %d documents (%.1f MB) in %.1f s (%.1f s CPU), written to %s (sha256 %s)%n",
                tokenizer.vocabSize(), tokenizer.merges().size(), docs.size(), bytes / 1e6, seconds, cpuSeconds, out, AtomicFiles.sha256(out));
        return 0;
    }
}

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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tokendrift tokenizer bench}: encode throughput on real documents. One untimed pass warms
 * up the JIT; then a fresh tokenizer is timed with an empty piece cache (as when encoding a
 * corpus once) and, best of {@code --passes}, with the cache filled (as when encoding more of the same kind of text).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure encode throughput (tokens/s and MB/s) on a JSONL corpus split.")
public final class TokenizerBenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tokenizer", defaultValue = "data/tokenizer/tokenizer.json", description = "Tokenizer (default: ${DEFAULT-VALUE}).")
    Path tokenizerFile;

    @Option(names = "--corpus", defaultValue = "data/corpus/valid.jsonl", description = "Documents to encode (default: ${DEFAULT-VALUE}).")
    Path corpus;

    @Option(names = "--passes", defaultValue = "3", description = "Timed warm-cache passes, the best is reported (default: ${DEFAULT-VALUE}).")
    int passes;

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public Integer call() throws Exception {
        List<String> texts = CorpusFiles.read(corpus).stream().map(Document::text).toList();
        long bytes = texts.stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
        encodeAll(BpeTokenizer.load(tokenizerFile), texts);                 // JIT warm-up
        BpeTokenizer tokenizer = BpeTokenizer.load(tokenizerFile);
        Timing cold = Timing.of(() -> encodeAll(tokenizer, texts));
        long tokens = encodeAll(tokenizer, texts);
        Timing warm = null;
        for (int pass = 0; pass < passes; pass++) {
            Timing t = Timing.of(() -> encodeAll(tokenizer, texts));
            warm = warm == null || t.wall() < warm.wall() ? t : warm;
        }
        out().printf("tokenizer bench: %d documents, %.2f MB, %d tokens (%.2f bytes/token), one thread%n",
                texts.size(), bytes / 1e6, tokens, (double) bytes / tokens);
        print("empty cache", cold, tokens, bytes);
        print("warm cache ", warm, tokens, bytes);
        return 0;
    }

    /** Wall and CPU seconds of one run on this thread (CPU time shows the cost even on a busy machine). */
    private record Timing(double wall, double cpu) {
        static Timing of(Runnable work) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            work.run();
            return new Timing((System.nanoTime() - wall) / 1e9, (threads.getCurrentThreadCpuTime() - cpu) / 1e9);
        }
    }

    private void print(String label, Timing t, long tokens, long bytes) {
        out().printf("  %s: %.0f tokens/s, %.2f MB/s wall-clock; %.0f tokens/s, %.2f MB/s per CPU-second%n",
                label, tokens / t.wall(), bytes / 1e6 / t.wall(), tokens / t.cpu(), bytes / 1e6 / t.cpu());
    }

    private static long encodeAll(BpeTokenizer tokenizer, List<String> texts) {
        long tokens = 0;
        for (String text : texts) {
            tokens += tokenizer.encode(text).length;
        }
        return tokens;
    }
}

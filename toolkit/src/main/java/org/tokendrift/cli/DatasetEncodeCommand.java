package org.tokendrift.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tokendrift.data.DatasetEncoder;
import org.tokendrift.data.DatasetHeader;
import org.tokendrift.data.Split;
import org.tokendrift.data.TokenDataset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tokendrift dataset encode}: encodes train/valid/test into uint16 block files with headers and stats. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Encode the corpus splits, append [EOS] per document, wrap into [BOS]+(L-2)+[EOS] blocks, write .bin/.bin.json/stats.json.")
public final class DatasetEncodeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--corpus-dir", defaultValue = "data/corpus", description = "Directory with {train,valid,test}.jsonl (default: ${DEFAULT-VALUE}).")
    Path corpusDir;

    @Option(names = "--tokenizer", defaultValue = "data/tokenizer/tokenizer.json", description = "Tokenizer (default: ${DEFAULT-VALUE}).")
    Path tokenizer;

    @Option(names = "--block-length", defaultValue = "" + DatasetEncoder.DEFAULT_BLOCK_LENGTH, description = "Block length L (default: ${DEFAULT-VALUE}).")
    int blockLength;

    @Option(names = "--out", description = "Output directory (default: the corpus directory).")
    Path out;

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public Integer call() throws Exception {
        Path target = out != null ? out : corpusDir;
        long start = System.nanoTime();
        Map<Split, DatasetHeader> headers = DatasetEncoder.encodeAll(corpusDir, tokenizer, blockLength, target);
        double seconds = (System.nanoTime() - start) / 1e9;
        long blocks = 0;
        for (Map.Entry<Split, DatasetHeader> entry : headers.entrySet()) {
            DatasetHeader h = entry.getValue();
            blocks += h.blockCount();
            out().printf("%-6s %7d documents %9d tokens %7d blocks  %s  sha256 %s%n", h.split(), h.documents(),
                    h.streamTokens(), h.blockCount(), TokenDataset.binFile(target, entry.getKey()), h.sha256());
        }
        out().printf("dataset: %d blocks of L=%d in %.1f s, written to %s (headers *.bin.json, %s)%n",
                blocks, blockLength, seconds, target, target.resolve(DatasetEncoder.STATS_FILE));
        return 0;
    }
}

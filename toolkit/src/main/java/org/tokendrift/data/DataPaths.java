package org.tokendrift.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the repository's shipped data lives ({@code data/} at the repository root), found so that
 * tests (run in {@code toolkit/}), notebooks (in {@code notebooks/}) and the command line (at the
 * root) all see the same files: the system property {@code tokendrift.data} or the environment
 * variable {@code TOKENDRIFT_DATA} if set, else the first {@code data/} directory holding
 * {@code tokenizer/tokenizer.json} in the working directory or one of its parents.
 */
public final class DataPaths {

    private DataPaths() {
    }

    /** The {@code data/} directory; fails with a clear message if none is found. */
    public static Path root() {
        String configured = System.getProperty("tokendrift.data", System.getenv("TOKENDRIFT_DATA"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("data");
            if (Files.isRegularFile(candidate.resolve("tokenizer").resolve("tokenizer.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find the data/ directory (with tokenizer/tokenizer.json) in "
                + Path.of("").toAbsolutePath() + " or its parents; set -Dtokendrift.data=... or TOKENDRIFT_DATA");
    }

    /** The shipped tokenizer: {@code data/tokenizer/tokenizer.json} (vocabulary 4096, trained on the train split). */
    public static Path tokenizerFile() {
        return root().resolve("tokenizer").resolve("tokenizer.json");
    }

    /** The corpus directory: held-out text ({@code valid.jsonl}, {@code test.jsonl}) and the token datasets. */
    public static Path corpusDir() {
        return root().resolve("corpus");
    }

    /** The small sample ({@code data/corpus/sample}): text, token datasets and stats. */
    public static Path sampleDir() {
        return corpusDir().resolve(CorpusRecipe.SAMPLE_DIR);
    }
}

package org.tokendrift.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleFilesTest {

    private static final WordCodec CODEC = new WordCodec(
            List.of("[PAD]", "[BOS]", "[EOS]", "[MASK]", "the", "cat", "sat", "on", "mat", "\"quoted\"", "<|x|>", "naïve→ü"),
            "[EOS]");
    private static final SampleDescriptor DESCRIPTOR = new SampleDescriptor("mdlm", "tokendrift", "runs/td/step-2000.bin", 2000);

    private static SampleSet samples() {
        int[][] ids = {
                {1, 4, 5, 6, 7, 4, 8, 2},
                {1, 9, 10, 11, 2, 2, 2, 2},
                {1, 4, 5, 4, 5, 4, 5, 6},
        };
        return SampleSet.decode(DESCRIPTOR, 16, 42L, ids, CODEC);
    }

    @Test
    void writesOneJsonLinePerSampleAndReadsItBackExactly(@TempDir Path dir) throws IOException {
        SampleSet written = samples();
        Path file = dir.resolve(SampleFiles.defaultFileName(DESCRIPTOR, 16, 42L));
        assertEquals("mdlm_tokendrift_step2000_nfe16_seed42.jsonl", file.getFileName().toString());
        SampleFiles.write(file, written);

        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).contains("\"text\":\"[BOS] \\\"quoted\\\" <|x|> naïve→ü [EOS]"), lines.get(1));
        assertTrue(lines.get(0).contains("\"token_ids\":[1,4,5,6,7,4,8,2]"), lines.get(0));
        assertTrue(lines.get(0).contains("\"train_steps\":2000") && lines.get(0).contains("\"nfe\":16")
                && lines.get(0).contains("\"seed\":42") && lines.get(0).contains("\"checkpoint\":\"runs/td/step-2000.bin\""));

        SampleSet read = SampleFiles.read(file);
        assertEquals(written.descriptor(), read.descriptor());
        assertEquals(16, read.nfe());
        assertEquals(42L, read.seed());
        assertEquals(written.texts(), read.texts());
        assertArrayEquals(written.tokenIds(), read.tokenIds());
    }

    @Test
    void rescoringFromDiskGivesTheSameNumbers(@TempDir Path dir) throws IOException {
        // Judge: a bigram model that likes "the cat" and ends-of-text after "mat".
        FunctionScorer judge = new FunctionScorer(6, (previous, current) ->
                previous == 4 && current == 5 ? 0.2 : previous == 8 && current == 2 ? 0.5 : 1.0 + current / 20.0);
        SampleEvaluator evaluator = new SampleEvaluator(new GenerativePerplexity(CODEC, judge, 2));

        SampleSet fresh = samples();
        SampleMetrics before = evaluator.evaluate(fresh);
        Path file = dir.resolve("s.jsonl");
        SampleFiles.write(file, fresh);
        SampleMetrics after = evaluator.evaluate(SampleFiles.read(file));

        assertEquals(before, after);
        assertEquals(ResultRow.of(fresh, before), ResultRow.of(SampleFiles.read(file), after));
    }

    @Test
    void missingFieldIsNamedWithItsLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.jsonl");
        SampleFiles.write(file, samples());
        List<String> lines = Files.readAllLines(file);
        lines.set(1, lines.get(1).replace("\"token_ids\"", "\"tokens\""));
        Files.write(file, lines);
        IOException e = assertThrows(IOException.class, () -> SampleFiles.read(file));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("missing field 'token_ids'"), e.getMessage());
    }

    @Test
    void linesFromDifferentRunsAreRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mixed.jsonl");
        SampleFiles.write(file, samples());
        List<String> lines = Files.readAllLines(file);
        lines.set(2, lines.get(2).replace("\"nfe\":16", "\"nfe\":32"));
        Files.write(file, lines);
        IOException e = assertThrows(IOException.class, () -> SampleFiles.read(file));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("nfe=32"), e.getMessage());
    }
}

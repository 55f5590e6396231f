package org.tokendrift.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokendrift.data.DataPaths;
import org.tokendrift.data.Split;
import org.tokendrift.data.TokenDataset;
import org.tokendrift.eval.SampleDescriptor;
import org.tokendrift.eval.SampleFiles;
import org.tokendrift.eval.SampleSet;
import org.tokendrift.eval.model.TinyModels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code diagnose features} on a tiny random MDLM over the sample corpus (18 validation blocks;
 * with {@code --reference 4} the reference is blocks 0, 4, 8, 12 and the held-out set 2, 6, 10, 14).
 */
class DiagnoseFeaturesCommandTest {

    private static Path samples(Path dir, String name, int[][] tokens) throws IOException {
        Path file = dir.resolve(name);
        SampleFiles.write(file, new SampleSet(new SampleDescriptor("mdlm", "test", "none", 0), 4, 0,
                Collections.nCopies(tokens.length, "text"), tokens));
        return file;
    }

    @Test
    void copiesOfTheReferenceSitOnItAndIdenticalSequencesHaveNoSpread(@TempDir Path dir) throws IOException {
        Path base = dir.resolve("base.ckpt");
        TinyModels.saveWithEma(TinyModels.randomised(TinyModels.config(4096, 128, false, false), 3, 0.3), base);
        TokenDataset valid = TokenDataset.open(DataPaths.sampleDir(), Split.VALID);
        int[][] copies = {valid.block(0), valid.block(4), valid.block(8), valid.block(12)};
        int[][] constant = new int[5][128];
        for (int[] row : constant) {
            Arrays.fill(row, 300);
        }
        Path csv = dir.resolve("separation.csv");
        CliRun run = CliRun.of("diagnose", "features", "--checkpoint", base.toString(), "--backbone", "mdlm",
                "--data-dir", DataPaths.sampleDir().toString(), "--reference", "4", "--out", csv.toString(),
                samples(dir, "copies.jsonl", copies).toString(), samples(dir, "constant.jsonl", constant).toString());
        assertEquals(0, run.exit(), run.err() + run.out());

        List<String> lines = Files.readAllLines(csv);
        assertEquals("set,count,mean_to_reference,nearest_reference,within,one_nn_accuracy,chance_accuracy,judge_nll", lines.get(0));
        assertEquals(4, lines.size(), "held-out real text and the two sample files");
        String[] heldOut = lines.get(1).split(",", -1);
        String[] copy = lines.get(2).split(",", -1);
        String[] same = lines.get(3).split(",", -1);
        assertEquals("held-out real text", heldOut[0]);
        assertTrue(Double.parseDouble(heldOut[3]) > 1e-6, "other real blocks are not the reference blocks");
        assertEquals("copies.jsonl", copy[0]);
        assertEquals(0.0, Double.parseDouble(copy[3]), 1e-9, "each copy is a reference block");
        assertEquals(24.0 / 56, Double.parseDouble(copy[6]), 1e-12, "chance level of 4 against 4 points");
        assertEquals("", copy[7], "no judge: the NLL is missing");
        assertEquals("constant.jsonl", same[0]);
        assertEquals("5", same[1]);
        assertEquals(0.0, Double.parseDouble(same[4]), 1e-12, "five identical sequences have no spread");
        // The five identical points are each other's nearest neighbours: at least 5 of the 9 points are right.
        assertTrue(Double.parseDouble(same[5]) >= 5.0 / 9, same[5]);
        assertEquals(32.0 / 72, Double.parseDouble(same[6]), 1e-12, "chance level of 5 against 4 points");
        assertTrue(run.out().contains("feature separation"), run.out());
    }

    @Test
    void samplesOfAnotherLengthAreNamed(@TempDir Path dir) throws IOException {
        Path base = dir.resolve("base.ckpt");
        TinyModels.saveWithEma(TinyModels.randomised(TinyModels.config(4096, 128, false, false), 3, 0.3), base);
        Path shortSamples = samples(dir, "short.jsonl", new int[][]{{1, 2, 3}});
        CliRun run = CliRun.of("diagnose", "features", "--checkpoint", base.toString(), "--backbone", "mdlm",
                "--data-dir", DataPaths.sampleDir().toString(), "--reference", "4", shortSamples.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("diagnose features: " + shortSamples + ": sample 0 has 3 tokens, the encoder reads "
                + "sequences of 128"), run.err());
    }
}

package org.tokendrift.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunDirectoryTest {

    @Test
    void latestValidCheckpointSkipsOnesThatDoNotVerify(@TempDir Path dir) throws IOException {
        RunDirectory run = new RunDirectory(dir);
        Files.createDirectories(run.checkpointDir());
        for (long step : new long[]{100, 200, 300}) {
            Files.writeString(run.checkpoint(step), step == 300 ? "torn" : "ok");
        }
        Path latest = run.latestValidCheckpoint(p -> readQuietly(p).equals("ok")).orElseThrow();
        assertEquals(run.checkpoint(200), latest);
        assertTrue(new RunDirectory(dir.resolve("none")).latestValidCheckpoint(p -> true).isEmpty());
    }

    @Test
    void pruneKeepsNewestAndMultiples(@TempDir Path dir) throws IOException {
        RunDirectory run = new RunDirectory(dir);
        Files.createDirectories(run.checkpointDir());
        for (long step = 100; step <= 700; step += 100) {
            Files.writeString(run.checkpoint(step), "x");
        }
        run.prune(2, 300);
        assertEquals(List.of(300L, 600L, 700L), run.checkpointSteps());
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}

package org.tokendrift.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrainingLogTest {

    @Test
    void resumeDropsRowsAfterTheCheckpointStep(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("log.csv");
        List<String> cols = List.of("step", "loss");
        try (TrainingLog log = TrainingLog.open(file, cols, 0)) {
            for (int s = 1; s <= 5; s++) {
                log.append(s, 1.0 / s);
            }
        }
        try (TrainingLog log = TrainingLog.open(file, cols, 3)) {
            log.append(4, Double.NaN);
        }
        assertEquals(List.of("step,loss", "1,1", "2,0.500000", "3,0.333333", "4,"), Files.readAllLines(file));
    }

    @Test
    void rejectsALogWithAnotherHeader(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("log.csv");
        Files.writeString(file, "step,other\n");
        IOException e = assertThrows(IOException.class, () -> TrainingLog.open(file, List.of("step", "loss"), 0));
        assertEquals(true, e.getMessage().contains("step,other"));
    }

    @Test
    void aLogWithFewerColumnsIsWidenedOnResumeWithTheNewCellsEmpty(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("diagnostics.csv");
        Files.writeString(file, "step,a,val_b\n10,1.5,\n20,2.5,7\n30,3.5,\n");
        try (TrainingLog log = TrainingLog.open(file, List.of("step", "a", "new", "val_b"), 20)) {
            log.append(30, 4, 5, Double.NaN);
        }
        assertEquals(List.of("step,a,new,val_b", "10,1.5,,", "20,2.5,,7", "30,4,5,"), Files.readAllLines(file));
    }
}

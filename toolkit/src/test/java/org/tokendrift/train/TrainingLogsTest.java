package org.tokendrift.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingLogsTest {

    @TempDir
    Path runs;

    private Path write(String run, String file, String text) throws IOException {
        Path dir = Files.createDirectories(runs.resolve(run));
        return Files.writeString(dir.resolve(file), text);
    }

    @Test
    void aColumnEmptyOnEveryRowStaysNumeric() throws IOException {
        // as TrainingLog writes it before the first validation: val_ppl empty everywhere
        Path csv = write("mdlm-base", "log.csv", "step,loss,val_ppl\n25,8.25,\n50,8.125,\n");

        Table log = TrainingLogs.read(csv);

        assertEquals("mdlm-base/log.csv", log.name());
        assertInstanceOf(LongColumn.class, log.column("step"));
        assertInstanceOf(DoubleColumn.class, log.column("loss"));
        DoubleColumn valPpl = assertInstanceOf(DoubleColumn.class, log.column("val_ppl"));
        assertEquals(2, valPpl.countMissing());
        assertArrayEquals(new double[]{8.25, 8.125}, log.doubleColumn("loss").asDoubleArray(), 0.0);
    }

    @Test
    void runsAreStackedWithTheirNameAndTheUnionOfTheirColumns() throws IOException {
        write("b-judge", "log.csv", "step,loss,val_ppl\n25,6.5,\n50,6.0,400\n");
        write("a-mdlm", "log.csv", "step,loss\n25,8.0\n");
        write("c-empty", "log.csv", "step,loss,rss_mb\n");
        write("d-other", "diagnostics.csv", "step,drift\n25,0.1\n");   // no log.csv: skipped
        Files.writeString(runs.resolve("README.md"), "not a run");

        Table all = TrainingLogs.readRuns(runs, "log.csv");

        assertEquals(runs.getFileName() + "/<run>/log.csv", all.name());
        assertEquals(List.of("run", "step", "loss", "val_ppl", "rss_mb"), all.columnNames());
        assertEquals(List.of("a-mdlm", "b-judge", "b-judge"), all.stringColumn("run").asList());
        assertEquals(List.of(25L, 25L, 50L), all.longColumn("step").asList());
        assertArrayEquals(new double[]{8.0, 6.5, 6.0}, all.doubleColumn("loss").asDoubleArray(), 0.0);
        DoubleColumn valPpl = all.doubleColumn("val_ppl");
        assertTrue(valPpl.isMissing(0) && valPpl.isMissing(1), "a-mdlm has no val_ppl column, b-judge an empty cell");
        assertEquals(400.0, valPpl.get(2), 0.0);
        assertEquals(3, all.doubleColumn("rss_mb").countMissing());
    }

    @Test
    void aFolderWithoutLogsGivesAnEmptyTable() throws IOException {
        Table none = TrainingLogs.readRuns(runs, "log.csv");
        assertEquals(List.of("run"), none.columnNames());
        assertEquals(0, none.rowCount());
    }

    @Test
    void aBrokenLogIsNamedInTheError() throws IOException {
        Path csv = write("bad", "log.csv", "step,loss\n25,not-a-number\n");
        IOException e = assertThrows(IOException.class, () -> TrainingLogs.read(csv));
        assertTrue(e.getMessage().startsWith("cannot read training log " + csv), e.getMessage());
    }
}

package org.tokendrift.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.tokendrift.eval.chart.ChartResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotTest {

    private static final double NA = Double.NaN;   // a missing cell of a DoubleColumn

    /** Two runs' logs, rows out of step order, validation PPL on a few rows only. */
    private static Table logs() {
        return Table.create("logs",
                StringColumn.create("run", "b", "b", "a", "a", "a", "c"),
                IntColumn.create("step", 50, 25, 25, 75, 50, 25),
                DoubleColumn.create("loss", 7.0, 8.0, 8.5, 6.0, 7.5, 9.0),
                DoubleColumn.create("val_ppl", 900, NA, 1000, 600, NA, NA));
    }

    @Test
    void oneSeriesPerGroupInOrderOfFirstAppearanceWithPointsSortedByX() {
        ChartResult result = Plot.of(logs(), "step", "loss").by("run").chart();

        XYChart chart = result.chart();
        assertEquals(List.of("b", "a", "c"), List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries a = chart.getSeriesMap().get("a");
        assertArrayEquals(new double[]{25, 50, 75}, a.getXData(), 0.0);
        assertArrayEquals(new double[]{8.5, 7.5, 6.0}, a.getYData(), 0.0);
        assertArrayEquals(new double[]{25, 50}, chart.getSeriesMap().get("b").getXData(), 0.0);
        assertEquals("loss vs step, by run (logs)", chart.getTitle());
        assertEquals(List.of(), result.notes());
    }

    @Test
    void rowsWithoutAValueAreSkippedAndAnEmptyGroupIsNamedInANote() {
        ChartResult result = Plot.of(logs(), "step", "val_ppl").by("run").logY().title("Validation").chart();

        XYChart chart = result.chart();
        assertEquals(List.of("b", "a"), List.copyOf(chart.getSeriesMap().keySet()));
        assertArrayEquals(new double[]{25, 75}, chart.getSeriesMap().get("a").getXData(), 0.0);
        assertArrayEquals(new double[]{1000, 600}, chart.getSeriesMap().get("a").getYData(), 0.0);
        assertEquals(List.of("series 'c': no row has both 'step' and 'val_ppl'"), result.notes());
        assertEquals("Validation", chart.getTitle());
        assertTrue(chart.getStyler().isYAxisLogarithmic());
    }

    @Test
    void withoutGroupsTheSeriesIsNamedAfterY() {
        Table table = Table.create("t", DoubleColumn.create("nfe", 4, 8, 16), DoubleColumn.create("ppl", 300, 100, 50),
                DoubleColumn.create("sd", 30, NA, 5));
        ChartResult result = Plot.of(table, "nfe", "ppl").errors("sd").logX().logY().markers().chart();

        XYSeries series = result.chart().getSeriesMap().get("ppl");
        assertArrayEquals(new double[]{4, 8, 16}, series.getXData(), 0.0);
        assertArrayEquals(new double[]{30, 0, 5}, series.getExtraValues(), 0.0, "a missing SD draws no bar");
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, series.getXYSeriesRenderStyle());
        assertTrue(result.chart().getStyler().isXAxisLogarithmic());
        assertEquals("ppl vs nfe (t)", result.chart().getTitle());
    }

    @Test
    void logAxisNotesComeFromTheChartLayer() {
        Table table = Table.create("t", DoubleColumn.create("x", 1, 2), DoubleColumn.create("y", -3, 4));
        ChartResult result = Plot.of(table, "x", "y").logY().chart();
        assertArrayEquals(new double[]{2}, result.chart().getSeriesMap().get("y").getXData(), 0.0);
        assertEquals(1, result.notes().size());
        assertTrue(result.notes().get(0).startsWith("series 'y' at x = 1: dropped value -3.0"), result.notes().get(0));
        assertNull(result.chart().getSeriesMap().get("y").getExtraValues());
    }

    @Test
    void anEmptyTableSaysSo() {
        Table empty = Table.create("none", DoubleColumn.create("x"), DoubleColumn.create("y"));
        ChartResult result = Plot.of(empty, "x", "y").by("x").chart();
        assertEquals(List.of("table 'none' has no rows"), result.notes());
        assertTrue(result.chart().getSeriesMap().isEmpty());
    }

    @Test
    void showPrintsTheNotesAndRendersAPng() {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DisplayData data;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            data = new Renderer().render(Plot.of(logs(), "step", "val_ppl").by("run").show());
        } finally {
            System.setOut(original);
        }
        assertEquals("note: series 'c': no row has both 'step' and 'val_ppl'" + System.lineSeparator(),
                printed.toString(StandardCharsets.UTF_8));
        assertTrue(String.valueOf(data.getData(MIMEType.IMAGE_PNG)).startsWith("iVBORw0KGgo"), "base64 PNG expected");
    }

    @Test
    void columnsAreCheckedWhenThePlotIsDescribed() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Plot.of(logs(), "step", "lr"));
        assertEquals("Plot: table 'logs' has no column 'lr'; its columns are [run, step, loss, val_ppl]", missing.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class, () -> Plot.of(logs(), "run", "loss"));
        assertEquals("Plot: column 'run' of table 'logs' is STRING, not numeric; its numeric columns are [step, loss, val_ppl]",
                text.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plot.of(logs(), "step", "loss").by("seed"));
        assertThrows(IllegalArgumentException.class, () -> Plot.of(logs(), "step", "loss").errors("run"));
    }
}

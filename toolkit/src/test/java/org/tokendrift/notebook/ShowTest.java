package org.tokendrift.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.tokendrift.eval.chart.ChartResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renders the views with basekernel's own renderer, as IJava and the TokenDrift kernel do. */
class ShowTest {

    private final Renderer renderer = new Renderer();

    @Test
    void chartIsAPngImage() {
        XYChart chart = new XYChartBuilder().width(120).height(80).title("t").build();
        chart.addSeries("s", new double[] {0, 1}, new double[] {1, 0});
        DisplayData data = renderer.render(Show.chart(chart));
        assertTrue(String.valueOf(data.getData(MIMEType.IMAGE_PNG)).startsWith("iVBORw0KGgo"), "base64 PNG expected");
        assertTrue(String.valueOf(data.getData(MIMEType.TEXT_PLAIN)).startsWith("XYChart 't' (120x80)"));
    }

    @Test
    void aChartResultWithoutSeriesIsOneLineOfTextAfterItsNotes() {
        XYChart empty = new XYChartBuilder().width(120).height(80).title("Gen-PPL vs NFE").build();
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DisplayData data;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            data = renderer.render(Show.chart(new ChartResult(empty, List.of("no sampled rows"))));
        } finally {
            System.setOut(original);
        }
        assertEquals("note: no sampled rows" + System.lineSeparator(), printed.toString(StandardCharsets.UTF_8));
        assertEquals("(chart 'Gen-PPL vs NFE' not drawn: it has no series)", data.getData(MIMEType.TEXT_PLAIN));
        assertEquals(null, data.getData(MIMEType.IMAGE_PNG));
    }

    @Test
    void tableIsEscapedHtml() {
        Table table = Table.create("t", StringColumn.create("a<b", "x&y"), IntColumn.create("n", new int[] {7}));
        String html = String.valueOf(renderer.render(Show.table(table)).getData(MIMEType.TEXT_HTML));
        assertTrue(html.contains("<caption>t (1 rows, 2 columns)</caption>"), html);
        assertTrue(html.contains("<th>a&lt;b</th>") && html.contains("<td>x&amp;y</td>") && html.contains("<td>7</td>"), html);
    }

    @Test
    void longTableShowsTheFirstRows() {
        Table table = Table.create("long", IntColumn.create("i", IntStream.range(0, 50).toArray()));
        String html = String.valueOf(renderer.render(Show.table(table)).getData(MIMEType.TEXT_HTML));
        assertTrue(html.contains("<td>19</td>") && html.contains("… 30 more rows"), html);
        assertFalse(html.contains("<td>20</td>"), html);
    }

    @Test
    void gridPlacesChartsRowByRowInOnePng() throws IOException {
        XYChart small = new XYChartBuilder().width(100).height(60).title("small").build();
        small.addSeries("s", new double[] {0, 1}, new double[] {1, 0});
        XYChart large = new XYChartBuilder().width(140).height(90).title("large").build();
        large.addSeries("s", new double[] {0, 1}, new double[] {0, 1});
        DisplayData data = renderer.render(Show.grid(2, small, large, small));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(String.valueOf(data.getData(MIMEType.IMAGE_PNG)))));
        assertEquals(2 * 140, png.getWidth());     // two columns of the widest chart
        assertEquals(2 * 90, png.getHeight());     // two rows of the tallest chart
        assertEquals(0xFFFFFF, png.getRGB(279, 179) & 0xFFFFFF, "empty fourth cell is white");
        assertTrue(String.valueOf(data.getData(MIMEType.TEXT_PLAIN)).startsWith("Grid of 3 charts: 'small' 'large'"));
    }

    @Test
    void gridNeedsChartsAndColumns() {
        XYChart chart = new XYChartBuilder().width(50).height(50).build();
        assertThrows(IllegalArgumentException.class, () -> Show.grid(0, chart));
        assertThrows(IllegalArgumentException.class, () -> Show.grid(2));
    }

    @Test
    void tableWithDigitsRoundsFloatingPointCellsOnly() {
        DoubleColumn appended = DoubleColumn.create("appended");   // built the way notebooks build columns
        appended.append(0.09838217221206695);
        String single = String.valueOf(renderer.render(Show.table(Table.create("a", appended), 3)).getData(MIMEType.TEXT_HTML));
        assertTrue(single.contains("<td>0.0984</td>"), single);
        Table table = Table.create("d", IntColumn.create("n", new int[] {123456, 1, 2, 3, 4}),
                DoubleColumn.create("x", 0.20788248572545243, 249999.99999999994, -0.5000000000000004, 0.0, Double.NaN));
        String html = String.valueOf(renderer.render(Show.table(table, 4)).getData(MIMEType.TEXT_HTML));
        assertTrue(html.contains("<td>123456</td><td>0.2079</td>"), html);
        assertTrue(html.contains("<td>250000</td>") && html.contains("<td>-0.5</td>") && html.contains("<td>0</td>"), html);
        assertTrue(html.contains("<td>4</td><td></td>"), "NaN is a missing cell: " + html);
        assertThrows(IllegalArgumentException.class, () -> Show.table(table, -1));
    }

    @Test
    void significantDigitsWithoutTrailingZeros() {
        assertEquals("0.1", TableView.format(0.1, 4));
        assertEquals("0.01", TableView.format(0.01, 4));
        assertEquals("1.026", TableView.format(1.0258770557220624, 4));
        assertEquals("9.59e-05", TableView.format(9.59005483779153e-05, 4));
        assertEquals("1.42e-16", TableView.format(1.4210854715202004e-16, 3));
        assertEquals("-2.5e+07", TableView.format(-24999999.7, 3));
        assertEquals("3e+08", TableView.format(299792458.0, 1));
        assertEquals("0.000123", TableView.format(0.000123, 3));
    }
}

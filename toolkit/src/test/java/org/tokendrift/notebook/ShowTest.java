package org.tokendrift.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
}

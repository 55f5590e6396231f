package org.tokendrift.kernel.render;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel does not compile against XChart or Tablesaw; these tests (which do) check that the
 * renderer finds their types by name through the class hierarchy and renders them.
 */
class KernelRendererTest {

    private final KernelRenderer renderer = KernelRenderer.withLibraryRenderers();

    private static XYChart xyChart() {
        XYChart chart = new XYChartBuilder().width(160).height(100).build();
        chart.addSeries("y", new double[] {0, 1, 2}, new double[] {2, 0, 1});
        return chart;
    }

    @Test
    void everyChartTypeIsFoundThroughItsAbstractBaseClass() {
        CategoryChart bars = new CategoryChartBuilder().width(160).height(100).build();
        bars.addSeries("n", new double[] {1, 2}, new double[] {3, 4});
        for (Object chart : new Object[] {xyChart(), bars}) {
            String png = (String) renderer.render(chart).getData(MIMEType.IMAGE_PNG);
            assertNotNull(png, chart.getClass() + " was not rendered as PNG");
            assertTrue(png.startsWith("iVBORw0KGgo"), "not base64 PNG data");
        }
    }

    @Test
    void tableIsHtmlWithEscapedCells() {
        Table table = Table.create("t", IntColumn.create("n", 1, 2), DoubleColumn.create("x<y", 0.5, 1.5));
        DisplayData data = renderer.render(table);
        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertTrue(html.startsWith("<table>\n<caption>t (2 rows, 2 columns)</caption>"), html);
        assertTrue(html.contains("<th>x&lt;y</th>") && html.contains("<td>1.5</td>"), html);
        assertNotNull(data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void longTableShowsHeadAndTail() {
        Table table = Table.create("long", IntColumn.create("i", IntStream.range(0, 100).toArray()));
        String html = (String) renderer.render(table).getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<td>9</td>") && !html.contains("<td>10</td>"), html);
        assertTrue(html.contains("… 85 more rows …") && html.contains("<td>95</td>") && html.contains("<td>99</td>"), html);
    }

    @Test
    void otherObjectsAreOnlyText() {
        DisplayData data = renderer.render(new StringBuilder("plain"));
        assertEquals("plain", String.valueOf(data.getData(MIMEType.TEXT_PLAIN)));
        assertFalse(data.hasDataForType(MIMEType.IMAGE_PNG));
        assertFalse(data.hasDataForType(MIMEType.TEXT_HTML));
    }

    @Test
    void nullIsTheTextNull() {
        assertEquals("null", renderer.render(null).getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void rendererRegisteredByANotebookWins() {
        renderer.createRegistration(XYChart.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((chart, context) -> context.renderIfRequested(MIMEType.TEXT_HTML, () -> "<p>my chart</p>"));
        DisplayData data = renderer.render(xyChart());
        assertEquals("<p>my chart</p>", data.getData(MIMEType.TEXT_HTML));
        assertFalse(data.hasDataForType(MIMEType.IMAGE_PNG));
    }

    @Test
    void renderAsAsksForAGivenType() {
        DisplayData data = renderer.renderAs(xyChart(), "image/png");
        assertNotNull(data.getData(MIMEType.IMAGE_PNG));
    }
}

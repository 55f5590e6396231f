package org.tokendrift.eval.chart;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesChartTest {

    private static final SeriesChart.Style LINES = new SeriesChart.Style(false, false, false);
    private static final SeriesChart.Style LOG_LOG = new SeriesChart.Style(true, true, false);

    @Test
    void linearAxesKeepNegativeValuesAndDropOnlyNonFinitePoints() {
        ChartResult result = SeriesChart.create("t", "step", "loss", List.of(
                new SeriesChart.Series("a", new double[]{0, 1, 2, 3}, new double[]{-1, 0, Double.NaN, 2})), LINES);

        XYSeries a = result.chart().getSeriesMap().get("a");
        assertArrayEquals(new double[]{0, 1, 3}, a.getXData(), 0.0);
        assertArrayEquals(new double[]{-1, 0, 2}, a.getYData(), 0.0);
        assertNull(a.getExtraValues(), "no error bars were asked for");
        assertEquals(List.of("series 'a' at step = 2: dropped value NaN (not finite, cannot be drawn)"), result.notes());
        assertEquals("step", result.chart().getXAxisTitle());
        assertFalse(result.chart().getStyler().isYAxisLogarithmic());
    }

    @Test
    void logAxesDropNonPositiveValuesOnEitherAxisWithANote() {
        ChartResult result = SeriesChart.create("t", "tokens", "ppl", List.of(
                new SeriesChart.Series("a", new double[]{0, 10, 100, 1000}, new double[]{5, -2, 40, 30},
                        new double[]{1, 1, 50, 3})), LOG_LOG);

        XYSeries a = result.chart().getSeriesMap().get("a");
        assertArrayEquals(new double[]{100, 1000}, a.getXData(), 0.0);
        assertArrayEquals(new double[]{40, 30}, a.getYData(), 0.0);
        assertArrayEquals(new double[]{0, 3}, a.getExtraValues(), 0.0, "a bar reaching below 0 is removed");
        assertEquals(3, result.notes().size(), String.join("\n", result.notes()));
        assertTrue(result.notes().get(0).contains("at tokens = 0: dropped point x = 0.0"), result.notes().get(0));
        assertTrue(result.notes().get(1).contains("at tokens = 10: dropped value -2.0"), result.notes().get(1));
        assertTrue(result.notes().get(2).contains("at tokens = 100: removed error bar"), result.notes().get(2));
        XYChart chart = result.chart();
        assertTrue(chart.getStyler().isXAxisLogarithmic() && chart.getStyler().isYAxisLogarithmic());
        assertEquals("tokens (log scale)", chart.getXAxisTitle());
        assertEquals("ppl (log scale)", chart.getYAxisTitle());
        assertTrue(chart.getStyler().isXAxisLogarithmicDecadeOnly(), "x spans a decade: 1..9 labels would collide");
        assertFalse(chart.getStyler().isYAxisLogarithmicDecadeOnly(), "y spans less than two decades");
        assertEquals("0.##", chart.getStyler().getXAxisDecimalPattern());
    }

    @Test
    void aSeriesWithNothingLeftIsLeftOutAndTheChartStillRenders() {
        ChartResult result = SeriesChart.create("t", "x", "y", List.of(
                new SeriesChart.Series("gone", new double[]{1, 2}, new double[]{0, -1}),
                new SeriesChart.Series("kept", new double[]{1, 2}, new double[]{3, 4})), new SeriesChart.Style(false, true, false));

        assertEquals(List.of("kept"), List.copyOf(result.chart().getSeriesMap().keySet()));
        assertEquals("series 'gone': nothing left to draw", result.notes().get(result.notes().size() - 1));
        BufferedImage image = BitmapEncoder.getBufferedImage(result.chart());
        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());

        ChartResult empty = SeriesChart.create("t", "x", "y", List.of(
                new SeriesChart.Series("gone", new double[]{1}, new double[]{-1})), LOG_LOG);
        assertEquals("t (nothing to draw)", empty.chart().getTitle());
        assertFalse(empty.chart().getStyler().isXAxisTicksVisible() || empty.chart().getStyler().isYAxisLogarithmic());
        assertEquals(Charts.WIDTH, BitmapEncoder.getBufferedImage(empty.chart()).getWidth());
        assertEquals(List.of(), SeriesChart.create("t", "x", "y", List.of(), LINES).notes());
    }

    @Test
    void crowdedLogXLabelsKeepThePowersOfTenOrTurnUpright() {
        XYChart steps = logX(new double[]{25, 2500});       // "2500" labels, two decades
        assertTrue(steps.getStyler().isXAxisLogarithmicDecadeOnly());
        assertEquals(0, steps.getStyler().getXAxisLabelRotation());
        XYChart tokens = logX(new double[]{102_400, 942_100});   // six-digit labels, under a decade
        assertFalse(tokens.getStyler().isXAxisLogarithmicDecadeOnly());
        assertEquals(90, tokens.getStyler().getXAxisLabelRotation());
        XYChart nfe = logX(new double[]{4, 32});            // short labels have room
        assertFalse(nfe.getStyler().isXAxisLogarithmicDecadeOnly());
        assertEquals(0, nfe.getStyler().getXAxisLabelRotation());
        assertFalse(SeriesChart.crowdedLogXLabels(List.of(new double[]{5, 5}), true), "a single value spans nothing");
    }

    private static XYChart logX(double[] x) {
        return SeriesChart.create("t", "x", "y", List.of(new SeriesChart.Series("s", x, new double[]{1, 2})),
                new SeriesChart.Style(true, false, false)).chart();
    }

    @Test
    void markersOnlyAndLongLinesWithoutMarkers() {
        double[] many = IntStream.range(1, 100).asDoubleStream().toArray();
        ChartResult lines = SeriesChart.create("t", "x", "y", List.of(
                new SeriesChart.Series("long", many, many), new SeriesChart.Series("short", new double[]{1, 2}, new double[]{1, 2})), LINES);
        assertEquals(SeriesMarkers.NONE, lines.chart().getSeriesMap().get("long").getMarker());
        XYSeries shortSeries = lines.chart().getSeriesMap().get("short");
        assertNotEquals(SeriesMarkers.NONE, shortSeries.getMarker(), "a short line keeps its markers");
        assertNotEquals(XYSeries.XYSeriesRenderStyle.Scatter, shortSeries.getXYSeriesRenderStyle());

        ChartResult points = SeriesChart.create("t", "x", "y", List.of(new SeriesChart.Series("p", many, many)),
                new SeriesChart.Style(false, false, true));
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, points.chart().getSeriesMap().get("p").getXYSeriesRenderStyle());
    }

    @Test
    void plainTickLabelsOnlyWhereTheyReadWell() {
        assertTrue(SeriesChart.plainLabels(List.of(new double[]{0.01, 5}, new double[]{999_999})));
        assertFalse(SeriesChart.plainLabels(List.of(new double[]{3e-5, 5})));
        assertFalse(SeriesChart.plainLabels(List.of(new double[]{2e6})));
    }

    @Test
    void spanIsTheRatioOfTheExtremes() {
        assertEquals(40.0, SeriesChart.span(List.of(new double[]{25, 1000}, new double[]{100})), 1e-12);
        assertEquals(1.0, SeriesChart.span(List.of()), 0.0);
    }

    @Test
    void seriesNeedMatchingLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SeriesChart.Series("s", new double[]{1, 2}, new double[]{1}));
        assertEquals("series 's': 2 x values, 1 y values", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SeriesChart.Series("s", new double[]{1}, new double[]{1}, new double[]{1, 2}));
    }
}

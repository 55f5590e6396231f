package org.tokendrift.notebook;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuiverTest {

    private static final double TOL = 1e-12;

    @Test
    void arrowIsShaftPlusTwoHeadStrokesSeparatedByGaps() {
        double[][] path = Quiver.path(new double[][]{{1, 2}}, new double[][]{{2, 0}}, 0.5);
        double[] xs = path[0];
        double[] ys = path[1];
        assertEquals(9, xs.length);
        // shaft (1,2) -> (2,2)
        assertEquals(1, xs[0], TOL);
        assertEquals(2, ys[0], TOL);
        assertEquals(2, xs[1], TOL);
        assertEquals(2, ys[1], TOL);
        assertTrue(Double.isNaN(xs[2]) && Double.isNaN(xs[5]) && Double.isNaN(xs[8]));
        // head strokes start at the tip, go back 0.3 * length at +-25 degrees
        double back = Quiver.HEAD_FRACTION * 1.0;
        assertEquals(2, xs[3], TOL);
        assertEquals(2 - back * Math.cos(Quiver.HEAD_ANGLE), xs[4], TOL);
        assertEquals(2 - back * Math.cos(Quiver.HEAD_ANGLE), xs[7], TOL);
        assertEquals(back * Math.sin(Quiver.HEAD_ANGLE), Math.abs(ys[4] - 2), TOL);
        assertEquals(-(ys[4] - 2), ys[7] - 2, TOL);   // symmetric about the shaft
    }

    @Test
    void zeroAndNonFiniteVectorsAreSkipped() {
        double[][] path = Quiver.path(new double[][]{{0, 0}, {1, 1}, {2, 2}},
                new double[][]{{0, 0}, {Double.NaN, 1}, {0, -1}}, 1.0);
        assertEquals(9, path[0].length);
        assertEquals(2, path[0][0], TOL);
        assertEquals(1, path[1][1], TOL);
    }

    @Test
    void seriesRendersAndAnEmptyFieldStillGivesALegendEntry() {
        XYChart chart = new XYChartBuilder().width(200).height(200).build();
        XYSeries series = Quiver.add(chart, "V", new double[][]{{0, 0}, {1, 0}}, new double[][]{{1, 1}, {0, 1}}, 0.5);
        assertEquals(XYSeries.XYSeriesRenderStyle.Line, series.getXYSeriesRenderStyle());
        Quiver.add(chart, "zero", new double[][]{{0, 0}}, new double[][]{{0, 0}}, 1.0);
        assertEquals(2, chart.getSeriesMap().size());
        assertEquals(200, BitmapEncoder.getBufferedImage(chart).getWidth());
    }

    @Test
    void mismatchedShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Quiver.path(new double[][]{{0, 0}}, new double[0][], 1));
        assertThrows(IllegalArgumentException.class, () -> Quiver.path(new double[][]{{0, 0, 0}}, new double[][]{{1, 1}}, 1));
    }
}

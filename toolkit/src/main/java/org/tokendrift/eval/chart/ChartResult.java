package org.tokendrift.eval.chart;

import org.knowm.xchart.XYChart;

import java.util.List;

/**
 * A chart plus the notes about data it could not show faithfully (points dropped or error bars
 * removed because of the logarithmic axis). Callers print the notes next to the figure.
 */
public record ChartResult(XYChart chart, List<String> notes) {

    public ChartResult {
        notes = List.copyOf(notes);
    }
}

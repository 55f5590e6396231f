package org.tokendrift.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayDataRenderable;
import org.knowm.xchart.internal.chartpart.Chart;
import org.tokendrift.eval.chart.ChartResult;
import tech.tablesaw.table.Relation;

import java.util.List;

/**
 * Rich notebook views of toolkit results that work on any kernel built on jupyter-jvm-basekernel:
 * the TokenDrift kernel and IJava 1.3 alike. End a cell with {@code Show.chart(chart)} or
 * {@code Show.table(table)}, or pass the view to {@code display(...)}.
 *
 * <p>(The TokenDrift kernel already shows bare charts and tables this way; IJava shows them only
 * as text, hence these views.)
 */
public final class Show {

    private Show() {
    }

    /** Any XChart chart as a PNG image. */
    public static DisplayDataRenderable chart(Chart<?, ?> chart) {
        return new ChartView(chart);
    }

    /**
     * A chart with its notes ({@link ChartResult}, as the evaluation charts and {@link Plot} make them):
     * prints each note as a line {@code note: ...}, then shows the chart as a PNG. A chart without any
     * series (nothing to draw yet, say) is not shown as an empty frame but as one line of text naming it.
     */
    public static DisplayDataRenderable chart(ChartResult result) {
        result.notes().forEach(note -> System.out.println("note: " + note));
        if (result.chart().getSeriesMap().isEmpty()) {
            return new TextView("(chart '" + result.chart().getTitle() + "' not drawn: it has no series)");
        }
        return chart(result.chart());
    }

    /**
     * Several charts in one PNG, {@code columns} per row (e.g. one drift field per temperature side
     * by side); each cell is as large as the largest chart.
     */
    public static DisplayDataRenderable grid(int columns, Chart<?, ?>... charts) {
        return new GridView(columns, List.of(charts));
    }

    /** A Tablesaw table (or slice) as an HTML table; long tables show their first rows. */
    public static DisplayDataRenderable table(Relation table) {
        return new TableView(table);
    }

    /**
     * Like {@link #table(Relation)}, with floating-point cells shown to {@code digits} significant
     * digits without trailing zeros, e.g. {@code 0.2079}, {@code 0.1} or {@code 9.59e-05} for 4.
     */
    public static DisplayDataRenderable table(Relation table, int digits) {
        return new TableView(table, digits);
    }
}

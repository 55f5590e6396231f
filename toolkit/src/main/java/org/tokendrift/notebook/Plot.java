package org.tokendrift.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayDataRenderable;
import org.tokendrift.eval.chart.ChartResult;
import org.tokendrift.eval.chart.SeriesChart;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;
import tech.tablesaw.table.Relation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One-line charts of any numeric column of a Tablesaw table against any other:
 * <pre>
 *   Plot.of(logs, "step", "loss").by("run").logY().show()
 * </pre>
 * draws {@code loss} against {@code step}, one line per value of {@code run}, on a logarithmic y
 * axis. Rows where x or y is missing are skipped (a training log has {@code val_ppl} only on its
 * validation rows); points are joined in order of x. The chart itself is
 * {@link SeriesChart}, so it looks like the evaluation charts and drops what an axis cannot show
 * with a note; {@link #show()} prints those notes and returns the chart as a PNG view that works
 * on IJava and on the TokenDrift kernel alike.
 */
public final class Plot {

    private final Relation table;
    private final String x;
    private final String y;
    private String by;
    private String errors;
    private String title;
    private boolean logX;
    private boolean logY;
    private boolean markersOnly;

    private Plot(Relation table, String x, String y) {
        this.table = table;
        this.x = x;
        this.y = y;
    }

    /** {@code y} against {@code x}, both numeric columns of {@code table}. */
    public static Plot of(Relation table, String x, String y) {
        numeric(table, x);
        numeric(table, y);
        return new Plot(table, x, y);
    }

    /** One series per distinct value of {@code column} (any type), in order of first appearance. */
    public Plot by(String column) {
        column(table, column);
        this.by = column;
        return this;
    }

    /** Error bars of half-width {@code column} (for example an SD over seeds) around each y. */
    public Plot errors(String column) {
        numeric(table, column);
        this.errors = column;
        return this;
    }

    /** Logarithmic x axis. */
    public Plot logX() {
        this.logX = true;
        return this;
    }

    /** Logarithmic y axis. */
    public Plot logY() {
        this.logY = true;
        return this;
    }

    /** Markers only, no lines (for points that are not a curve). */
    public Plot markers() {
        this.markersOnly = true;
        return this;
    }

    /** Replaces the default title "y vs x, by column (table name)". */
    public Plot title(String title) {
        this.title = title;
        return this;
    }

    /** The chart and its notes (rows and points that could not be drawn). */
    public ChartResult chart() {
        NumericColumn<?> xs = numeric(table, x);
        NumericColumn<?> ys = numeric(table, y);
        NumericColumn<?> es = errors == null ? null : numeric(table, errors);
        Column<?> groups = by == null ? null : column(table, by);
        Map<String, List<Integer>> rowsBySeries = new LinkedHashMap<>();
        for (int row = 0; row < table.rowCount(); row++) {
            String name = groups == null ? y : groups.isMissing(row) ? "(missing)" : groups.getString(row);
            List<Integer> rows = rowsBySeries.computeIfAbsent(name, k -> new ArrayList<>());
            if (!xs.isMissing(row) && !ys.isMissing(row)) {
                rows.add(row);
            }
        }
        List<String> notes = new ArrayList<>();
        if (table.rowCount() == 0) {
            notes.add("table '" + table.name() + "' has no rows");
        }
        List<SeriesChart.Series> series = new ArrayList<>();
        rowsBySeries.forEach((name, rows) -> {
            if (rows.isEmpty()) {
                notes.add("series '" + name + "': no row has both '" + x + "' and '" + y + "'");
                return;
            }
            rows.sort(Comparator.comparingDouble(xs::getDouble));
            series.add(new SeriesChart.Series(name, values(xs, rows), values(ys, rows), es == null ? null : values(es, rows)));
        });
        ChartResult drawn = SeriesChart.create(title != null ? title : defaultTitle(), x, y, series,
                new SeriesChart.Style(logX, logY, markersOnly));
        notes.addAll(drawn.notes());
        return new ChartResult(drawn.chart(), notes);
    }

    /** Prints the chart's notes, one line each, and returns the chart as a PNG view ({@link Show#chart(ChartResult)}). */
    public DisplayDataRenderable show() {
        return Show.chart(chart());
    }

    private String defaultTitle() {
        String name = table.name();
        return y + " vs " + x + (by == null ? "" : ", by " + by) + (name == null || name.isBlank() ? "" : " (" + name + ")");
    }

    /** Missing values come out as NaN (for example a missing error bar: none is drawn). */
    private static double[] values(NumericColumn<?> column, List<Integer> rows) {
        return rows.stream().mapToDouble(row -> column.isMissing(row) ? Double.NaN : column.getDouble(row)).toArray();
    }

    private static Column<?> column(Relation table, String name) {
        if (!table.containsColumn(name)) {
            throw new IllegalArgumentException("Plot: table '" + table.name() + "' has no column '" + name
                    + "'; its columns are " + table.columnNames());
        }
        return table.column(name);
    }

    private static NumericColumn<?> numeric(Relation table, String name) {
        if (!(column(table, name) instanceof NumericColumn<?> numeric)) {
            List<String> numericNames = table.columns().stream().filter(c -> c instanceof NumericColumn<?>)
                    .map(Column::name).toList();
            throw new IllegalArgumentException("Plot: column '" + name + "' of table '" + table.name() + "' is "
                    + table.column(name).type() + ", not numeric; its numeric columns are " + numericNames);
        }
        return numeric;
    }
}

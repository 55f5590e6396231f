package org.tokendrift.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayDataRenderable;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.columns.Column;
import tech.tablesaw.table.Relation;

import java.util.Locale;
import java.util.Set;

/** A Tablesaw table shown as text/html (Tablesaw-core has no HTML writer of its own). */
final class TableView implements DisplayDataRenderable {

    /** Rows shown before the rest is summarised as "… N more rows". */
    static final int MAX_ROWS = 20;

    private final Relation table;
    /** Significant digits for floating-point cells; 0 = each column's own print formatter. */
    private final int digits;

    TableView(Relation table) {
        this(table, 0);
    }

    TableView(Relation table, int digits) {
        if (digits < 0) {
            throw new IllegalArgumentException("Show.table: digits must be >= 0, got " + digits);
        }
        this.table = table;
        this.digits = digits;
    }

    @Override
    public Set<MIMEType> getPreferredRenderTypes() {
        return Set.of(MIMEType.TEXT_HTML);
    }

    @Override
    public void render(RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_HTML, this::html);
    }

    String html() {
        int rows = table.rowCount();
        StringBuilder html = new StringBuilder("<table>\n<caption>").append(escape(table.name()))
                .append(" (").append(rows).append(" rows, ").append(table.columnCount()).append(" columns)</caption>\n<thead><tr>");
        table.columnNames().forEach(name -> html.append("<th>").append(escape(name)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (int row = 0; row < Math.min(rows, MAX_ROWS); row++) {
            html.append("<tr>");
            for (int col = 0; col < table.columnCount(); col++) {
                html.append("<td>").append(escape(cell(table.column(col), row))).append("</td>");
            }
            html.append("</tr>\n");
        }
        if (rows > MAX_ROWS) {
            html.append("<tr><td colspan=\"").append(table.columnCount()).append("\">… ")
                    .append(rows - MAX_ROWS).append(" more rows</td></tr>\n");
        }
        return html.append("</tbody>\n</table>").toString();
    }

    private String cell(Column<?> column, int row) {
        ColumnType type = column.type();
        if (digits == 0 || (type != ColumnType.DOUBLE && type != ColumnType.FLOAT) || column.isMissing(row)) {
            return column.getString(row);
        }
        return format(((Number) column.get(row)).doubleValue(), digits);
    }

    /** Whole numbers as integers, everything else with {@code digits} significant digits ({@code %g}). */
    static String format(double value, int digits) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%." + digits + "g", value);
    }

    @Override
    public String toString() {
        return table.print();
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package org.tokendrift.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayDataRenderable;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.columns.Column;
import tech.tablesaw.table.Relation;

import java.math.BigDecimal;
import java.math.MathContext;
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
        // instanceof, not type() == ColumnType.DOUBLE: Tablesaw can hold two DoubleColumnType instances
        boolean floating = column instanceof DoubleColumn || column instanceof FloatColumn;
        if (digits == 0 || !floating || column.isMissing(row)) {
            return column.getString(row);
        }
        return format(((Number) column.get(row)).doubleValue(), digits);
    }

    /**
     * {@code digits} significant digits without trailing zeros: plain notation for magnitudes in
     * [1e-4, 1e6) (e.g. 0.2079, 250000, -0.5, 0.1), scientific otherwise (e.g. 1.42e-16).
     */
    static String format(double value, int digits) {
        if (value == 0 || !Double.isFinite(value)) {
            return value == 0 ? "0" : Double.toString(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros();
        double magnitude = Math.abs(rounded.doubleValue());
        if (magnitude >= 1e-4 && magnitude < 1e6) {
            return rounded.toPlainString();
        }
        String mantissa = rounded.unscaledValue().abs().toString();
        int exponent = mantissa.length() - 1 - rounded.scale();
        String digitsPart = mantissa.length() == 1 ? mantissa : mantissa.charAt(0) + "." + mantissa.substring(1);
        return (rounded.signum() < 0 ? "-" : "") + digitsPart + "e" + (exponent < 0 ? "-" : "+")
                + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }

    @Override
    public String toString() {
        return table.print();
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

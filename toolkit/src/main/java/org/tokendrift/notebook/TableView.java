package org.tokendrift.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayDataRenderable;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.table.Relation;

import java.util.Set;

/** A Tablesaw table shown as text/html (Tablesaw-core has no HTML writer of its own). */
final class TableView implements DisplayDataRenderable {

    /** Rows shown before the rest is summarised as "… N more rows". */
    static final int MAX_ROWS = 20;

    private final Relation table;

    TableView(Relation table) {
        this.table = table;
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
                html.append("<td>").append(escape(table.column(col).getString(row))).append("</td>");
            }
            html.append("</tr>\n");
        }
        if (rows > MAX_ROWS) {
            html.append("<tr><td colspan=\"").append(table.columnCount()).append("\">… ")
                    .append(rows - MAX_ROWS).append(" more rows</td></tr>\n");
        }
        return html.append("</tbody>\n</table>").toString();
    }

    @Override
    public String toString() {
        return table.print();
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

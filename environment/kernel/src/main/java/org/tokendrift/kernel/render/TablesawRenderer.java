package org.tokendrift.kernel.render;

import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Shows a Tablesaw table (any {@code Relation}: a Table or a TableSlice) as an HTML table. Long
 * tables show their first and last rows. Tablesaw-core has no HTML writer, hence this one.
 */
public final class TablesawRenderer implements LibraryRenderer {

    /** Tables with more rows than this show only {@link #HEAD_ROWS} and {@link #TAIL_ROWS}. */
    static final int MAX_FULL_ROWS = 20;
    static final int HEAD_ROWS = 10;
    static final int TAIL_ROWS = 5;

    @Override
    public String typeName() {
        return "tech.tablesaw.table.Relation";
    }

    @Override
    public MIMEType preferredType() {
        return MIMEType.TEXT_HTML;
    }

    @Override
    public void render(Class<?> relationType, Object table, RenderContext context) throws ReflectiveOperationException {
        if (context.wantsDataRenderedAs(MIMEType.TEXT_HTML)) {
            context.getOutputContainer().putHTML(html(relationType, table));
        }
    }

    private static String html(Class<?> relationType, Object table) throws ReflectiveOperationException {
        Class<?> columnType = Class.forName("tech.tablesaw.columns.Column", true, relationType.getClassLoader());
        Method column = relationType.getMethod("column", int.class);
        Method cell = columnType.getMethod("getString", int.class);
        String name = (String) relationType.getMethod("name").invoke(table);
        int rows = (Integer) relationType.getMethod("rowCount").invoke(table);
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) relationType.getMethod("columnNames").invoke(table);

        StringBuilder html = new StringBuilder("<table>\n<caption>")
                .append(escape(name == null ? "" : name)).append(" (").append(rows).append(" rows, ")
                .append(names.size()).append(" columns)</caption>\n<thead><tr>");
        names.forEach(n -> html.append("<th>").append(escape(n)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (int row = 0; row < rows; row++) {
            if (rows > MAX_FULL_ROWS && row == HEAD_ROWS) {
                html.append("<tr><td colspan=\"").append(names.size()).append("\">… ")
                        .append(rows - HEAD_ROWS - TAIL_ROWS).append(" more rows …</td></tr>\n");
                row = rows - TAIL_ROWS;
            }
            html.append("<tr>");
            for (int col = 0; col < names.size(); col++) {
                Object value = cell.invoke(column.invoke(table, col), row);
                html.append("<td>").append(escape(String.valueOf(value))).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

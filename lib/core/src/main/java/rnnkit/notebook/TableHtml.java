package rnnkit.notebook;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw {@link Table} as a small, escaped HTML table for notebooks.
 *
 * <p>Long tables show their first and last rows with a row that says how many were left out, so a
 * training history of thousands of steps stays readable. Floating-point numbers are printed
 * with six significant digits, enough to read and compare, where Tablesaw would print every digit
 * of a double; text columns are left-aligned. The plain-text view is Tablesaw's own.
 */
public final class TableHtml {

    /** Tables with at most this many rows are shown whole. */
    public static final int MAX_ROWS = 30;
    /** Rows shown from each end of a longer table. */
    public static final int EDGE_ROWS = 10;

    private TableHtml() {
    }

    public static String render(Table table) {
        StringBuilder html = new StringBuilder("<table class=\"rnnkit-table\">\n");
        String name = table.name();
        if (name != null && !name.isBlank()) {
            html.append("<caption>").append(escape(name)).append("</caption>\n");
        }
        html.append("<thead><tr>");
        for (Column<?> column : table.columns()) {
            html.append(isText(column) ? "<th style=\"text-align: left\">" : "<th>").append(escape(column.name())).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        int rows = table.rowCount();
        if (rows <= MAX_ROWS) {
            appendRows(html, table, 0, rows);
        } else {
            appendRows(html, table, 0, EDGE_ROWS);
            html.append("<tr><td colspan=\"").append(table.columnCount()).append("\">… ")
                    .append(rows - 2 * EDGE_ROWS).append(" more rows …</td></tr>\n");
            appendRows(html, table, rows - EDGE_ROWS, rows);
        }
        html.append("</tbody>\n</table>\n<p>").append(rows).append(rows == 1 ? " row" : " rows")
                .append(" × ").append(table.columnCount()).append(table.columnCount() == 1 ? " column" : " columns")
                .append("</p>\n");
        return html.toString();
    }

    /** The plain-text view: Tablesaw's own layout, capped the same way as the HTML. */
    public static String plain(Table table) {
        return table.rowCount() <= MAX_ROWS ? table.printAll() : table.print(MAX_ROWS);
    }

    private static void appendRows(StringBuilder html, Table table, int from, int to) {
        for (int r = from; r < to; r++) {
            html.append("<tr>");
            for (Column<?> column : table.columns()) {
                html.append(isText(column) ? "<td style=\"text-align: left\">" : "<td>").append(escape(cell(column, r)))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
    }

    /** Text reads from the left (samples, names); numbers and the rest keep the notebook's right alignment. */
    private static boolean isText(Column<?> column) {
        return column instanceof tech.tablesaw.api.StringColumn;
    }

    private static String cell(Column<?> column, int row) {
        // by class, not by column.type() == ColumnType.DOUBLE: Tablesaw 0.44 can hold two DOUBLE type
        // instances when DoubleColumnType is initialised before ColumnType, and then the test is false
        if (!column.isMissing(row) && column instanceof DoubleColumn doubles) {
            return number(doubles.getDouble(row));
        }
        if (!column.isMissing(row) && column instanceof FloatColumn floats) {
            return number(floats.getDouble(row));
        }
        return column.getString(row);
    }

    /** Six significant digits without trailing zeros; scientific notation for very small or large values. */
    static String number(double x) {
        if (x == 0 || !Double.isFinite(x)) {
            return x == 0 ? "0" : Double.toString(x);
        }
        double magnitude = Math.abs(x);
        if (magnitude < 1e-4 || magnitude >= 1e6) {
            String s = String.format(java.util.Locale.ROOT, "%.5e", x);
            int e = s.indexOf('e');
            return trimZeros(s.substring(0, e)) + "e" + Integer.parseInt(s.substring(e + 1));
        }
        return trimZeros(new java.math.BigDecimal(x).round(new java.math.MathContext(6)).toPlainString());
    }

    private static String trimZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Text made safe inside HTML: &lt; &gt; &amp; &quot;. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

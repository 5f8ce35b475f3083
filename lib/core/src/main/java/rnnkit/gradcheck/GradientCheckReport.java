package rnnkit.gradcheck;

import java.util.List;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The result of a {@link GradientCheck}: one {@link Row} per tensor, whether every tensor passed,
 * and the report as a table for the notebook.
 */
public final class GradientCheckReport {

    /**
     * One tensor's result.
     *
     * @param tensor the tensor's name
     * @param entries how many entries it has
     * @param checked how many were checked
     * @param maxRelError the largest relative error found
     * @param worstEntry where it was, {@code "(i, j)"}
     * @param analytic the analytic gradient there
     * @param numeric the numeric gradient there
     * @param passed whether maxRelError is at most the threshold
     */
    public record Row(String tensor, int entries, int checked, double maxRelError, String worstEntry, double analytic,
            double numeric, boolean passed) {
    }

    private final List<Row> rows;
    private final double threshold;

    GradientCheckReport(List<Row> rows, double threshold) {
        this.rows = List.copyOf(rows);
        this.threshold = threshold;
    }

    public List<Row> rows() {
        return rows;
    }

    public double threshold() {
        return threshold;
    }

    /** True when every tensor passed. */
    public boolean passed() {
        return rows.stream().allMatch(Row::passed);
    }

    /** The row with the largest relative error. */
    public Row worst() {
        Row w = null;
        for (Row r : rows) {
            if (w == null || !(r.maxRelError() <= w.maxRelError())) {
                w = r;
            }
        }
        return w;
    }

    /** The row of the tensor called {@code name}. */
    public Row row(String name) {
        for (Row r : rows) {
            if (r.tensor().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no tensor named '" + name + "' in this report");
    }

    /**
     * The report as a Tablesaw table with columns tensor, entries, checked, max_rel_error,
     * worst_entry, analytic, numeric, passed.
     */
    public Table table() {
        var tensor = StringColumn.create("tensor");
        var entries = IntColumn.create("entries");
        var checked = IntColumn.create("checked");
        var err = DoubleColumn.create("max_rel_error");
        var where = StringColumn.create("worst_entry");
        var a = DoubleColumn.create("analytic");
        var n = DoubleColumn.create("numeric");
        var ok = BooleanColumn.create("passed");
        for (Row r : rows) {
            tensor.append(r.tensor());
            entries.append(r.entries());
            checked.append(r.checked());
            err.append(r.maxRelError());
            where.append(r.worstEntry());
            a.append(r.analytic());
            n.append(r.numeric());
            ok.append(r.passed());
        }
        return Table.create("gradient check (threshold " + threshold + ")", tensor, entries, checked,
                err, where, a, n, ok);
    }

    /** "passed" or "FAILED", then the worst entry with both values, then the table. */
    @Override
    public String toString() {
        Row w = worst();
        String head = w == null ? "gradient check: nothing to check"
                : String.format("gradient check %s at threshold %.0e: worst %s%s, relative error %.3e, analytic %.17g, numeric %.17g",
                        passed() ? "passed" : "FAILED", threshold, w.tensor(), w.worstEntry(), w.maxRelError(),
                        w.analytic(), w.numeric());
        return head + "\n" + table().print();
    }
}

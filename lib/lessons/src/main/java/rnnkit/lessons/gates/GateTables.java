package rnnkit.lessons.gates;

import java.util.List;

import rnnkit.cells.Trace;
import rnnkit.tensor.Matrix;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Gate activations per word as a Tablesaw table: one row per step, the mean over units of each gate.
 * Besides the recorded gates, {@code "write"} gives the mean of |i ⊙ g| for an LSTM: how much the word
 * adds to the cell state.
 */
public final class GateTables {

    private GateTables() {
    }

    /**
     * Columns {@code t} (1..T), {@code word}, then one column per named gate holding its mean over the
     * hidden units at that step, for one example of the trace.
     *
     * @throws IllegalArgumentException if words does not have one entry per step, or no gate is named
     */
    public static Table perWord(Trace trace, int example, List<String> words, String... gates) {
        if (words == null || words.size() != trace.steps()) {
            throw new IllegalArgumentException("words: expected one label per step (" + trace.steps() + "), got "
                    + (words == null ? "null" : words.size()));
        }
        if (gates.length == 0) {
            throw new IllegalArgumentException("gates: name at least one of " + trace.gateNames());
        }
        Table table = Table.create("gates per word");
        table.addColumns(IntColumn.create("t", java.util.stream.IntStream.rangeClosed(1, trace.steps()).toArray()),
                StringColumn.create("word", words));
        for (String gate : gates) {
            double[] means = new double[trace.steps()];
            for (int t = 1; t <= trace.steps(); t++) {
                means[t - 1] = meanOverUnits(trace, gate, example, t);
            }
            table.addColumns(DoubleColumn.create(gate, means));
        }
        return table;
    }

    /**
     * The mean over units of a gate at step t (1..T) of one example; {@code "write"} is |i ⊙ g|.
     *
     * @throws IllegalArgumentException if the cell records no such gate (naming the ones it records)
     */
    public static double meanOverUnits(Trace trace, String quantity, int example, int t) {
        if (example < 0 || example >= trace.batchSize()) {
            throw new IllegalArgumentException("example must be in [0, " + trace.batchSize() + "), got " + example);
        }
        Matrix m;
        if (quantity.equals("write")) {
            if (!trace.gateNames().contains("i") || !trace.gateNames().contains("g")) {
                throw new IllegalArgumentException("\"write\" needs the LSTM gates i and g; this cell records " + trace.gateNames());
            }
            m = trace.gate("i", t).times(trace.gate("g", t)).map(Math::abs);
        } else {
            m = trace.gate(quantity, t);
        }
        return m.rowAt(example).sum() / m.cols();
    }
}

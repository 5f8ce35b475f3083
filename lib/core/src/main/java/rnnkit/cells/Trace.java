package rnnkit.cells;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rnnkit.tensor.Matrix;

/**
 * The record of one forward pass: the state after every step, the gate activations and
 * candidates of every step (for heatmaps), and what the cell needs for its backward pass.
 *
 * <p>Steps are numbered t = 1..T as in the equations; {@code h(0)} is the initial state.
 */
public final class Trace {

    private final RecurrentCell cell;
    private final Workspace workspace;
    private final boolean reusable;
    private final List<State> states;          // t = 0..T
    private final Map<String, Stack> gates;    // by name
    private long parametersVersion;            // the cell's Parameters.version() during the forward pass

    Trace(RecurrentCell cell, Workspace workspace, boolean reusable) {
        this.cell = cell;
        this.workspace = workspace;
        this.reusable = reusable;
        this.states = workspace.states;
        this.gates = workspace.gates();
    }

    Workspace workspace() {
        return workspace;
    }

    /** Whether a later pass may overwrite this trace's matrices (see {@link RecurrentCell#forward(List, State, Trace)}). */
    boolean reusable() {
        return reusable;
    }

    boolean fits(RecurrentCell c, int steps, int batch) {
        return c == cell && steps == workspace.steps && batch == workspace.batch;
    }

    /** The cell that produced this trace. */
    public RecurrentCell cell() {
        return cell;
    }

    /** T, the number of steps. */
    public int steps() {
        return workspace.steps;
    }

    /** B, the number of examples in the batch. */
    public int batchSize() {
        return workspace.batch;
    }

    /** h_t for t = 0..T (t = 0 is the initial state), B x H. */
    public Matrix h(int t) {
        return state(t).h();
    }

    /** The full state after step t, t = 0..T. */
    public State state(int t) {
        if (t < 0 || t > steps()) {
            throw new IllegalArgumentException("t must be in [0, " + steps() + "], got " + t);
        }
        return states.get(t);
    }

    /** h_1 .. h_T, each B x H. */
    public List<Matrix> hs() {
        List<Matrix> out = new ArrayList<>(steps());
        for (int t = 1; t <= steps(); t++) {
            out.add(states.get(t).h());
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * h_1 .. h_T one below the other, (T B) x H, as a view of this trace's own matrices: rows
     * (t - 1) B to t B are h_t. The output layer of a many-to-many model reads it in one product.
     */
    public Matrix stackedHs() {
        return workspace.h.steps();
    }

    /** h_T, B x H: the output a many-to-one model reads. */
    public Matrix lastH() {
        return h(steps());
    }

    public State initialState() {
        return states.get(0);
    }

    /** The state after the last step; carry {@code finalState()} into the next chunk for truncated BPTT. */
    public State finalState() {
        return state(steps());
    }

    /** The gate names this trace recorded, in the cell's order. */
    public List<String> gateNames() {
        return cell.gateNames();
    }

    /** A gate activation or candidate at step t = 1..T, B x H (for example {@code gate("z", 3)}). */
    public Matrix gate(String name, int t) {
        if (t < 1 || t > steps()) {
            throw new IllegalArgumentException("t must be in [1, " + steps() + "], got " + t);
        }
        Stack g = gates.get(name);
        if (g == null) {
            throw new IllegalArgumentException("no gate named '" + name + "'; this cell records " + gateNames());
        }
        return g.at(t);
    }

    /** Every gate of step t = 1..T by name. */
    public Map<String, Matrix> gates(int t) {
        if (t < 1 || t > steps()) {
            throw new IllegalArgumentException("t must be in [1, " + steps() + "], got " + t);
        }
        Map<String, Matrix> m = new LinkedHashMap<>();
        for (String name : gateNames()) {
            m.put(name, gates.get(name).at(t));
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * One example's gate over time, T x H (row t - 1 is step t): a ready-made heatmap of how much
     * each unit opened its gate at each step.
     */
    public Matrix gateOverTime(String name, int example) {
        if (example < 0 || example >= batchSize()) {
            throw new IllegalArgumentException("example must be in [0, " + batchSize() + "), got " + example);
        }
        Matrix out = Matrix.zeros(steps(), cell.hiddenSize());
        for (int t = 1; t <= steps(); t++) {
            Matrix g = gate(name, t);
            for (int j = 0; j < g.cols(); j++) {
                out.set(t - 1, j, g.get(example, j));
            }
        }
        return out;
    }

    /** Records the version of the cell's parameters the forward pass ran with. */
    void stamp(long version) {
        parametersVersion = version;
    }

    /** The version of the cell's parameters the forward pass ran with (see {@link rnnkit.params.Parameters#version()}). */
    long parametersVersion() {
        return parametersVersion;
    }
}

package rnnkit.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import rnnkit.cells.CellGradients;
import rnnkit.cells.RecurrentCell;
import rnnkit.cells.State;
import rnnkit.cells.Trace;
import rnnkit.params.Objective;
import rnnkit.tensor.Matrix;

/**
 * The loss {@link GradientCheck#check(RecurrentCell, List, State, long)} checks a cell on: a fixed
 * random projection of every output, L = Σ_t ⟨R_t, h_t⟩ + ⟨S, final state⟩, over copies of the
 * inputs and the initial state, so that dL/dh_t = R_t and every path of the backward pass is
 * exercised, including the gradient given for the final state. Its tensors are the cell's
 * parameters (by their names), the inputs {@code x[0]} .. {@code x[T-1]} and the initial state
 * ({@code h0}, and {@code c0} for the LSTM).
 */
final class CellObjective implements Objective {

    private final RecurrentCell cell;
    private final List<Matrix> xs = new ArrayList<>();
    private final State initial;
    private final List<Matrix> projections = new ArrayList<>();
    private final State finalProjection;
    private final Map<String, Matrix> tensors;

    CellObjective(RecurrentCell cell, List<Matrix> xs, State initial, long seed) {
        this.cell = cell;
        Trace probe = cell.forward(xs, initial); // checks the arguments
        int batch = probe.batchSize();
        for (Matrix x : xs) {
            this.xs.add(x.copy());
        }
        this.initial = probe.initialState().copy();
        Random random = new Random(seed);
        for (int t = 0; t < xs.size(); t++) {
            projections.add(Matrix.gaussian(batch, cell.hiddenSize(), 1.0, random));
        }
        finalProjection = State.zeros(cell.stateNames(), batch, cell.hiddenSize());
        for (String part : cell.stateNames()) {
            finalProjection.get(part).copyFromInPlace(Matrix.gaussian(batch, cell.hiddenSize(), 1.0, random));
        }
        tensors = Objective.ofSequence(cell.parameters(), this.xs, this.initial.asMap());
    }

    @Override
    public Map<String, Matrix> tensors() {
        return tensors;
    }

    @Override
    public double loss() {
        Trace trace = cell.forward(xs, initial);
        double loss = 0.0;
        for (int t = 1; t <= xs.size(); t++) {
            loss += dot(projections.get(t - 1), trace.h(t));
        }
        for (String part : cell.stateNames()) {
            loss += dot(finalProjection.get(part), trace.finalState().get(part));
        }
        return loss;
    }

    @Override
    public Map<String, Matrix> gradients() {
        Trace trace = cell.forward(xs, initial);
        CellGradients g = cell.backward(trace, projections, finalProjection);
        return Objective.ofSequence(g.parameters(), g.inputs(), g.initialState().asMap());
    }

    private static double dot(Matrix a, Matrix b) {
        double s = 0.0;
        for (int k = 0; k < a.size(); k++) {
            s += a.getFlat(k) * b.getFlat(k);
        }
        return s;
    }
}

package rnnkit.cells;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import rnnkit.grad.Parameters;
import rnnkit.tensor.Matrix;

/**
 * What every cell shares: the sizes, the named parameters, argument checks, and the loops over
 * time. A cell only writes one step forward ({@link #step}) and one step backward
 * ({@link #stepBackward}); the loops here run them over the sequence.
 *
 * @param <C> what a step keeps for its backward pass
 */
abstract class BaseCell<C> implements RecurrentCell {

    /** One step forward: the next state, the gates to show, and what backward needs. */
    record Step<C>(State next, Map<String, Matrix> gates, C cache) {
    }

    /** One step backward: dL/dx_t and dL/d(previous state). */
    record StepGradients(Matrix dx, State dPrev) {
    }

    protected final int inputSize;
    protected final int hiddenSize;
    protected final Parameters params = new Parameters();
    /** W^T for the weights used during the current backward pass; see {@link #transposed}. */
    private final Map<Matrix, Matrix> transposes = new IdentityHashMap<>();
    /** The terms of each weight's gradient during the current backward pass; see {@link #sumOverSteps}. */
    private final Map<String, List<Matrix[]>> weightTerms = new LinkedHashMap<>();

    BaseCell(int inputSize, int hiddenSize) {
        if (inputSize < 1) {
            throw new IllegalArgumentException("inputSize must be >= 1, got " + inputSize);
        }
        if (hiddenSize < 1) {
            throw new IllegalArgumentException("hiddenSize must be >= 1, got " + hiddenSize);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
    }

    /** Computes one step from x_t (B x X) and the previous state. Must not modify its arguments. */
    abstract Step<C> step(Matrix x, State prev);

    /**
     * Backpropagates one step: given dL/d(state after the step), accumulates the parameter
     * gradients into {@code grads} and returns dL/dx_t and dL/d(previous state).
     */
    abstract StepGradients stepBackward(C cache, State dNext, Parameters grads);

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int hiddenSize() {
        return hiddenSize;
    }

    @Override
    public List<String> stateNames() {
        return List.of("h");
    }

    @Override
    public Parameters parameters() {
        return params;
    }

    // ---------------------------------------------------------------- the loops over time

    @Override
    public final Trace forward(List<Matrix> xs, State initial) {
        int batch = checkInputs(xs);
        checkParameters();
        State start = initial == null ? zeroState(batch) : checkState("initial", initial, batch);
        State state = start;
        List<State> states = new ArrayList<>(xs.size());
        List<Map<String, Matrix>> gates = new ArrayList<>(xs.size());
        List<Object> caches = new ArrayList<>(xs.size());
        for (Matrix x : xs) {
            Step<C> s = step(x, state);
            states.add(s.next());
            gates.add(Collections.unmodifiableMap(s.gates()));
            caches.add(s.cache());
            state = s.next();
        }
        return new Trace(this, start, states, gates, caches);
    }

    /** Every weight must be a finite number: a NaN would silently turn every output into NaN. */
    private void checkParameters() {
        for (String name : params.names()) {
            Matrix p = params.get(name);
            int k = p.firstNonFinite();
            if (k >= 0) {
                throw new IllegalArgumentException("parameter " + name + " " + p.shape() + " holds " + p.getFlat(k)
                        + " at entry " + p.entry(k) + "; weights must be finite numbers."
                        + " Weights that diverged in training call for a lower learning rate or clipping; make a new cell to start again");
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public final CellGradients backward(Trace trace, List<Matrix> dhs, State dFinal) {
        if (trace == null) {
            throw new IllegalArgumentException("trace must not be null");
        }
        if (trace.cell() != this) {
            throw new IllegalArgumentException("trace was produced by another cell (" + trace.cell().getClass().getSimpleName()
                    + "); backward needs a trace of this cell");
        }
        int steps = trace.steps();
        int batch = trace.batchSize();
        if (dhs != null && dhs.size() != steps) {
            throw new IllegalArgumentException("dhs: expected one gradient per step, T = " + steps + ", got " + dhs.size());
        }
        State d = dFinal == null ? zeroState(batch) : checkState("dFinal", dFinal, batch).copy();
        Parameters grads = params.zerosLike();
        transposes.clear();
        weightTerms.clear();
        Matrix[] dxs = new Matrix[steps];
        for (int t = steps; t >= 1; t--) {
            Matrix dh = dhs == null ? null : dhs.get(t - 1);
            if (dh != null) {
                requireShape("dhs[" + (t - 1) + "] (step t=" + t + ")", dh, batch, hiddenSize);
                d.h().addInPlace(dh);
            }
            StepGradients g = stepBackward((C) trace.cache(t), d, grads);
            dxs[t - 1] = g.dx();
            d = g.dPrev();
        }
        transposes.clear();
        weightTerms.forEach((name, terms) -> {
            List<Matrix> lefts = new ArrayList<>(terms.size());
            List<Matrix> rights = new ArrayList<>(terms.size());
            for (Matrix[] term : terms) {
                lefts.add(term[0]);
                rights.add(term[1]);
            }
            grads.get(name).addTransAProductInPlace(Matrix.stackRows(lefts), Matrix.stackRows(rights));
        });
        weightTerms.clear();
        return new CellGradients(grads, List.of(dxs), d);
    }

    /**
     * Adds left^T right to the gradient of the weight {@code name}, as dWhh += h_{t-1}^T da does.
     * The terms of all steps are summed at the end of the backward pass as one product of the
     * stacked rows, Σ_t left_t^T right_t = [left_1; ...; left_T]^T [right_1; ...; right_T], which
     * passes over dW once instead of once per step. Neither matrix may change afterwards.
     */
    void sumOverSteps(String name, Matrix left, Matrix right) {
        weightTerms.computeIfAbsent(name, n -> new ArrayList<>()).add(new Matrix[] {left, right});
    }

    /**
     * W^T, computed once per backward pass and reused at every step, so that da W^T is a plain
     * product (see {@code rnnkit.tensor.Kernels}). The weights do not change during a backward pass.
     */
    Matrix transposed(Matrix w) {
        return transposes.computeIfAbsent(w, Matrix::transpose);
    }

    /**
     * Backpropagates a gate's pre-activation a = x Wx + h_{t-1} Wh + b, given da (B, H): adds
     * x^T da to dWx, h_{t-1}^T da to dWh and the column sums of da to db, and adds da Wx^T to
     * dx and da Wh^T to dhPrev.
     */
    void affineBackward(Matrix da, Matrix x, Matrix hPrev, String gate, Parameters grads, Matrix dx, Matrix dhPrev) {
        sumOverSteps("Wx" + gate, x, da);
        sumOverSteps("Wh" + gate, hPrev, da);
        grads.get("b" + gate).addColumnSumsInPlace(da);
        dx.addProductInPlace(da, transposed(params.get("Wx" + gate)));
        dhPrev.addProductInPlace(da, transposed(params.get("Wh" + gate)));
    }

    // ---------------------------------------------------------------- helpers for the cells

    /** A new X x H or H x H weight, uniform in [-1/sqrt(H), 1/sqrt(H)) (the PyTorch default range). */
    Matrix weight(String name, int rows, Random random) {
        return params.add(name, Matrix.uniform(rows, hiddenSize, 1.0 / Math.sqrt(hiddenSize), random));
    }

    /** A new 1 x H bias, every entry {@code value}. */
    Matrix bias(String name, double value) {
        return params.add(name, Matrix.filled(1, hiddenSize, value));
    }

    /** Ordered gate map from name, matrix pairs. */
    static Map<String, Matrix> gates(Object... namesAndMatrices) {
        Map<String, Matrix> m = new LinkedHashMap<>();
        for (int k = 0; k < namesAndMatrices.length; k += 2) {
            m.put((String) namesAndMatrices[k], (Matrix) namesAndMatrices[k + 1]);
        }
        return m;
    }

    // ---------------------------------------------------------------- argument checks

    /** Checks the sequence and returns its batch size B. */
    private int checkInputs(List<Matrix> xs) {
        if (xs == null) {
            throw new IllegalArgumentException("xs must not be null");
        }
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("xs: the sequence must have T >= 1 steps, got T = 0");
        }
        Matrix first = xs.get(0);
        if (first == null) {
            throw new IllegalArgumentException("xs[0] (step t=1) is null");
        }
        int batch = first.rows();
        if (batch < 1) {
            throw new IllegalArgumentException("xs[0] (step t=1): the batch must have B >= 1 rows, got shape " + first.shape());
        }
        for (int k = 0; k < xs.size(); k++) {
            String name = "xs[" + k + "] (step t=" + (k + 1) + ")";
            Matrix x = xs.get(k);
            if (x == null) {
                throw new IllegalArgumentException(name + " is null");
            }
            if (x.rows() != batch) {
                throw new IllegalArgumentException(name + ": batch size differs from step t=1: expected shape ("
                        + batch + ", " + inputSize + "), got " + x.shape());
            }
            requireShape(name, x, batch, inputSize);
            requireFinite(name, x);
        }
        return batch;
    }

    private State checkState(String what, State s, int batch) {
        for (String part : stateNames()) {
            if (!s.has(part)) {
                throw new IllegalArgumentException(what + " state: missing part '" + part + "'; this cell's state is " + stateNames());
            }
            String name = what + " state " + part;
            requireShape(name, s.get(part), batch, hiddenSize);
            requireFinite(name, s.get(part));
        }
        return s;
    }

    static void requireShape(String name, Matrix m, int rows, int cols) {
        if (m == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (m.rows() != rows || m.cols() != cols) {
            throw new IllegalArgumentException(name + ": expected shape (" + rows + ", " + cols + "), got " + m.shape());
        }
    }

    static void requireFinite(String name, Matrix m) {
        int k = m.firstNonFinite();
        if (k >= 0) {
            throw new IllegalArgumentException(name + " holds " + m.getFlat(k) + " at entry " + m.entry(k));
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(inputSize=" + inputSize + ", hiddenSize=" + hiddenSize + ", parameters="
                + parameterCount() + ")";
    }
}

package rnnkit.cells;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * What every cell shares: the sizes, the named parameters, argument checks, and the loops over
 * time. A cell writes one step forward ({@link #step}), one step backward ({@link #stepBackward}),
 * and the sums over the steps that give its weight and input gradients ({@link #weightGradients},
 * {@link #inputGradients}); the loops here run them over the sequence.
 *
 * <p>Every matrix a step writes lives in a {@link Workspace}: the step's buffers ({@link #buffers})
 * are blocks of (T + 1) B-row stacks, made once per trace and overwritten by a pass that reuses the
 * trace. A training loop that passes its last trace back in therefore allocates nothing per step.
 *
 * @param <C> a step's buffers: what it writes forward and what its backward pass needs
 */
abstract class BaseCell<C> implements RecurrentCell {

    protected final int inputSize;
    protected final int hiddenSize;
    protected final Parameters params = new Parameters();

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

    /**
     * The buffers of step t = 1..T in {@code w}: blocks t of stacks (what later steps or the sums
     * over the steps read) or scratch (what only this step's arithmetic needs). The state after the
     * step is block t of the stacks named by {@link #stateNames()}, "h" (and "c").
     */
    abstract C buffers(Workspace w, int t);

    /** The gates step t records, by name, as matrices of its buffers (made once per trace). */
    abstract Map<String, Matrix> gates(C k);

    /** One step forward: writes k and the state after the step, from x_t (B x X) and the previous state. */
    abstract void step(Matrix x, State prev, C k, State next);

    /**
     * One step backward. Given dNext = dL/d(state after step t), it overwrites every part of dPrev
     * with dL/d(state before) and keeps in k what the sums over the steps need.
     */
    abstract void stepBackward(Workspace w, Matrix x, State prev, C k, State dNext, State dPrev);

    /** After the steps: adds every parameter's gradient, summed over the steps, to {@code grads}. */
    abstract void weightGradients(Workspace w, Parameters grads);

    /** After the steps: adds dL/dx_t of every step, stacked as (T B) x X, to {@code dX}. */
    abstract void inputGradients(Workspace w, Matrix dX);


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
        return run(xs, initial, null, false);
    }

    @Override
    public final Trace forward(List<Matrix> xs, State initial, Trace reuse) {
        return run(xs, initial, reuse, true);
    }

    private Trace run(List<Matrix> xs, State initial, Trace reuse, boolean reusable) {
        int batch = checkInputs(xs);
        checkParameters();
        if (initial != null) {
            checkState("initial", initial, batch);
        }
        Trace trace = reuse != null && reuse.reusable() && reuse.fits(this, xs.size(), batch) ? reuse
                : newTrace(xs.size(), batch, reusable);
        trace.stamp(params.version());
        Workspace w = trace.workspace();
        for (String part : stateNames()) {
            Matrix start = trace.state(0).get(part);
            if (initial == null) {
                start.zeroInPlace();
            } else {
                start.copyFromInPlace(initial.get(part));
            }
        }
        for (int t = 1; t <= xs.size(); t++) {
            // The step reads a copy of x_t: the sums over the steps multiply the stacked copies at the end.
            Matrix x = w.block("x", t, inputSize).copyFromInPlace(xs.get(t - 1));
            step(x, trace.state(t - 1), cache(trace, t), trace.state(t));
        }
        return trace;
    }

    private Trace newTrace(int steps, int batch, boolean reusable) {
        Workspace w = new Workspace(steps, batch);
        List<State> states = new ArrayList<>(steps + 1);
        List<Map<String, Matrix>> gates = new ArrayList<>(steps);
        List<Object> caches = new ArrayList<>(steps);
        states.add(stateBlocks(w, 0));
        for (int t = 1; t <= steps; t++) {
            states.add(stateBlocks(w, t));
            C k = buffers(w, t);
            caches.add(k);
            gates.add(Collections.unmodifiableMap(gates(k)));
        }
        return new Trace(this, w, reusable, states, gates, caches);
    }

    /** The state after step t: blocks t of the stacks named by {@link #stateNames()}. */
    private State stateBlocks(Workspace w, int t) {
        return stateOf(part -> w.block(part, t, hiddenSize));
    }

    /** A state with one B x H scratch matrix per part, named {@code name + "." + part}. */
    private State scratchState(Workspace w, String name, int batch) {
        return stateOf(part -> w.scratch(name + "." + part, batch, hiddenSize));
    }

    /** A state whose parts, named by {@link #stateNames()}, are {@code part.apply(name)}. */
    private State stateOf(Function<String, Matrix> part) {
        List<String> names = stateNames();
        Object[] pairs = new Object[2 * names.size()];
        for (int k = 0; k < names.size(); k++) {
            pairs[2 * k] = names.get(k);
            pairs[2 * k + 1] = part.apply(names.get(k));
        }
        return State.of(pairs);
    }

    @SuppressWarnings("unchecked")
    private C cache(Trace trace, int t) {
        return (C) trace.cache(t);
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
    public final CellGradients backward(Trace trace, List<Matrix> dhs, State dFinal) {
        return backward(trace, dhs, dFinal, true);
    }

    @Override
    public final CellGradients backward(Trace trace, List<Matrix> dhs, State dFinal, boolean inputGradients) {
        if (trace == null) {
            throw new IllegalArgumentException("trace must not be null");
        }
        if (trace.cell() != this) {
            throw new IllegalArgumentException("trace was produced by another cell (" + trace.cell().getClass().getSimpleName()
                    + "); backward needs a trace of this cell");
        }
        if (trace.parametersVersion() != params.version()) {
            throw new IllegalStateException("backward: the cell's parameters have changed since the forward pass that made this"
                    + " trace (an optimizer step, Parameters.set or a loaded model file), so the gradients would mix the old"
                    + " states with the new weights. Run forward again, then backward; in a training loop, update after backward");
        }
        int steps = trace.steps();
        int batch = trace.batchSize();
        if (dhs != null && dhs.size() != steps) {
            throw new IllegalArgumentException("dhs: expected one gradient per step, T = " + steps + ", got " + dhs.size());
        }
        if (dFinal != null) {
            checkState("dFinal", dFinal, batch);
        }
        for (int t = 1; dhs != null && t <= steps; t++) {
            Matrix dh = dhs.get(t - 1);
            if (dh != null && (dh.rows() != batch || dh.cols() != hiddenSize)) {
                requireShape("dhs[" + (t - 1) + "] (step t=" + t + ")", dh, batch, hiddenSize);
            }
        }
        Workspace w = trace.workspace();
        transposeWeights(w, "Wh");   // the recurrent weights, for dh_{t-1} = da Wh^T at every step
        // dL/d(state after step t) and the state step t writes dL/d(state before) into; swapped after each step
        State d = scratchState(w, "dA", batch);
        State dPrev = scratchState(w, "dB", batch);
        for (String part : stateNames()) {
            if (dFinal == null) {
                d.get(part).zeroInPlace();
            } else {
                d.get(part).copyFromInPlace(dFinal.get(part));
            }
        }
        for (int t = steps; t >= 1; t--) {
            Matrix dh = dhs == null ? null : dhs.get(t - 1);
            if (dh != null) {
                d.h().addInPlace(dh);
            }
            stepBackward(w, w.block("x", t, inputSize), trace.state(t - 1), cache(trace, t), d, dPrev);
            State swap = d;
            d = dPrev;
            dPrev = swap;
        }
        boolean reuse = trace.reusable();
        Parameters grads = reuse ? w.zeroGradients(params) : params.zerosLike();
        weightGradients(w, grads);
        List<Matrix> dxs = null;
        if (inputGradients) {
            Matrix dX;
            if (reuse) {
                w.block("dx", 0, inputSize);   // makes the stack on first use
                dX = w.blocks("dx", 1, steps + 1).zeroInPlace();
            } else {
                dX = Matrix.zeros(steps * batch, inputSize);
            }
            transposeWeights(w, "Wx");
            inputGradients(w, dX);
            Matrix[] parts = new Matrix[steps];
            for (int t = 1; t <= steps; t++) {
                parts[t - 1] = dX.viewRows((t - 1) * batch, t * batch);
            }
            dxs = List.of(parts);
        }
        return new CellGradients(grads, dxs, reuse ? d : d.copy());
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

    /** Block t of the stack {@code name}, B x H. */
    Matrix block(Workspace w, String name, int t) {
        return w.block(name, t, hiddenSize);
    }

    /** The scratch matrix {@code name}, B x H, which every step overwrites. */
    Matrix scratch(Workspace w, String name) {
        return w.scratch(name, w.batch, hiddenSize);
    }

    /**
     * The gradients of a gate whose pre-activation is a_t = x_t Wx + h_{t-1} Wh + b, summed over
     * the steps as products of stacked blocks: dWx += X^T DA, dWh += H_prev^T DA and db += the
     * column sums of DA, where X, H_prev and DA stack x_t, h_{t-1} and the stack "da" + gate.
     */
    void affineGradients(Workspace w, Parameters grads, String gate) {
        Matrix das = w.blocks("da" + gate, 1, w.steps + 1);
        grads.get("Wx" + gate).addTransAProductInPlace(w.blocks("x", 1, w.steps + 1), das);
        grads.get("Wh" + gate).addTransAProductInPlace(w.blocks("h", 0, w.steps), das);
        grads.get("b" + gate).addColumnSumsInPlace(das);
    }

    /** dX += DA Wx^T for the gate's stacked pre-activation gradients DA (the stack "da" + gate). */
    void affineInputGradients(Workspace w, Matrix dX, String gate) {
        dX.addProductInPlace(w.blocks("da" + gate, 1, w.steps + 1), w.transposed("Wx" + gate));
    }

    /** Transposes the weights whose names start with {@code prefix} into the workspace, for the products of backward. */
    private void transposeWeights(Workspace w, String prefix) {
        for (String name : params.names()) {
            if (name.startsWith(prefix)) {
                w.transpose(name, params.get(name));
            }
        }
    }

    /** Ordered gate map from name, matrix pairs. */
    static Map<String, Matrix> named(Object... namesAndMatrices) {
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
            Matrix x = xs.get(k);
            if (x == null || x.rows() != batch || x.cols() != inputSize || x.firstNonFinite() >= 0) {
                // the message is built only here, so a good sequence costs no text
                String name = "xs[" + k + "] (step t=" + (k + 1) + ")";
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

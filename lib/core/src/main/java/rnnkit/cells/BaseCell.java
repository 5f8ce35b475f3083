package rnnkit.cells;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * What every cell shares: the sizes, the named parameters, argument checks, and the loops over
 * time. A cell writes, in its own file and next to each other, one step forward ({@link #step}),
 * one step backward ({@link #stepBackward}), and the sums over the steps that give its weight and
 * input gradients ({@link #weightGradients}, {@link #inputGradients}); the loops here run them over
 * the sequence:
 *
 * <pre>
 *   forward:   h_0 = initial;  for t = 1..T:  step(t)
 *   backward:  d = dL/d(final state);  for t = T..1:  d.h += dL/dh_t;  d = stepBackward(t, d)
 *              then the weight gradients and dL/dx_t of every step, each one product over the stacked steps
 * </pre>
 *
 * <p>Every matrix a step writes lives in the cell's {@link Workspace}, one {@link Stack} per
 * quantity, made once per trace and overwritten by a pass that reuses the trace. A training loop
 * that passes its last trace back in therefore allocates nothing per step.
 *
 * @param <W> the cell's workspace: the shared buffers and the cell's own stacks, as typed fields
 */
abstract class BaseCell<W extends Workspace> implements RecurrentCell {

    protected final int inputSize;
    protected final int hiddenSize;
    protected final Parameters params = new Parameters();
    /** The name of each parameter matrix, by identity: how {@link #grad} finds a parameter's gradient. */
    private final Map<Matrix, String> names = new IdentityHashMap<>();

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

    /** The buffers of a pass over T steps of B examples: the shared ones and the cell's own stacks. */
    abstract W workspace(int steps, int batch);

    /** Step t forward: from x_t and the state before (blocks t and t - 1 of k.x, k.h), writes the state after and the step's buffers. */
    abstract void step(W k, int t);

    /** Before the steps of backward: sets the transposes of the recurrent weights that every step multiplies by. */
    abstract void transposeRecurrentWeights(W k);

    /**
     * A forward pass of at least this many sequences side by side transposes the recurrent weights
     * first, for its products ({@link Ops#addProduct}) and then backward's. Below it (a sampler's
     * single sequence) they would not be used in forward, and backward makes them itself.
     */
    static final int TRANSPOSE_MIN_BATCH = 8;

    /**
     * Step t backward. Given dNext = dL/d(state after step t), it overwrites every part of dPrev
     * with dL/d(state before) and keeps in k what the sums over the steps need.
     */
    abstract void stepBackward(W k, int t, State dNext, State dPrev);

    /** After the steps: adds every parameter's gradient, summed over the steps, to {@code grads}. */
    abstract void weightGradients(W k, Parameters grads);

    /** After the steps: adds dL/dx_t of every step, stacked as (T B) x X, to {@code dX}. */
    abstract void inputGradients(W k, Matrix dX);


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
        W k = workspace(trace);
        k.staleTransposes();
        if (batch >= TRANSPOSE_MIN_BATCH) {
            transposeRecurrentWeights(k);   // for the forward products, and backward's
        }
        if (initial == null) {
            k.states.get(0).zeroInPlace();
        } else {
            k.states.get(0).copyFromInPlace(initial);
        }
        for (int t = 1; t <= xs.size(); t++) {
            // The step reads a copy of x_t: the sums over the steps multiply the stacked copies at the end.
            k.x.at(t).copyFromInPlace(xs.get(t - 1));
            step(k, t);
        }
        return trace;
    }

    private Trace newTrace(int steps, int batch, boolean reusable) {
        return new Trace(this, workspace(steps, batch), reusable);
    }

    @SuppressWarnings("unchecked")
    private W workspace(Trace trace) {
        return (W) trace.workspace();   // a trace of this cell (checked by the callers) holds a W
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
        W k = workspace(trace);
        if (!k.transposesMade()) {
            transposeRecurrentWeights(k);
        }
        // dL/d(state after step t) and the state step t writes dL/d(state before) into; swapped after each step
        State d = k.dA;
        State dPrev = k.dB;
        if (dFinal == null) {
            d.zeroInPlace();
        } else {
            d.copyFromInPlace(dFinal);
        }
        for (int t = steps; t >= 1; t--) {
            Matrix dh = dhs == null ? null : dhs.get(t - 1);
            if (dh != null) {
                d.h().addInPlace(dh);
            }
            stepBackward(k, t, d, dPrev);
            State swap = d;
            d = dPrev;
            dPrev = swap;
        }
        boolean reuse = trace.reusable();
        Parameters grads;
        if (!reuse) {
            grads = params.zerosLike();
        } else if (k.gradients == null) {
            grads = k.gradients = params.zerosLike();
        } else {
            grads = k.gradients.zeroInPlace();
        }
        weightGradients(k, grads);
        List<Matrix> dxs = null;
        if (inputGradients) {
            Matrix dX;
            if (reuse) {
                if (k.dx == null) {
                    k.dx = new Stack(steps, batch, inputSize);
                }
                dX = k.dx.steps().zeroInPlace();
            } else {
                dX = Matrix.zeros(steps * batch, inputSize);
            }
            inputGradients(k, dX);
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
        return parameter(name, Matrix.uniform(rows, hiddenSize, 1.0 / Math.sqrt(hiddenSize), random));
    }

    /** A new 1 x H bias, every entry {@code value}. */
    Matrix bias(String name, double value) {
        return parameter(name, Matrix.filled(1, hiddenSize, value));
    }

    private Matrix parameter(String name, Matrix value) {
        names.put(value, name);
        return params.add(name, value);
    }

    /** The gradient of {@code parameter} (one of this cell's weight or bias fields) in {@code grads}: dWxh for wxh. */
    Matrix grad(Parameters grads, Matrix parameter) {
        return grads.get(names.get(parameter));
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

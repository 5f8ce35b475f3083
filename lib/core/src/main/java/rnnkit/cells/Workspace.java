package rnnkit.cells;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rnnkit.params.Parameters;

/**
 * The buffers of one forward and backward pass over T steps of a batch of B that every cell has:
 * the inputs x_t, the states h_t (and c_t), the state gradients of the step being backpropagated.
 * Each cell extends it with its own stacks (its gates and their gradients) as typed fields, so a
 * pass reads and writes them by field, never by name.
 *
 * <p>A trace keeps its workspace; a pass that reuses the trace ({@link RecurrentCell#forward(List,
 * State, Trace)}) overwrites it, so a training loop allocates nothing per step.
 */
class Workspace {

    final int steps;
    final int batch;
    /** x_t, a copy of the input of step t: the weight gradients multiply the stacked copies at the end, (B, X). */
    final Stack x;
    /** h_t, t = 0..T (block 0 is the initial state), (B, H). */
    final Stack h;
    /** c_t, t = 0..T, for a cell whose state has a c part (the LSTM), else null, (B, H). */
    final Stack c;
    /** The state after step t = 0..T as blocks t of h (and c). */
    final List<State> states;
    /**
     * dL/d(state after step t) and the state that step t's backward writes dL/d(state before) into;
     * the time loop swaps them after each step.
     */
    final State dA;
    final State dB;
    /**
     * h_{t-1} of every step, transposed, (H, T B): made once per backward pass for the weight
     * gradients dWh = h_{t-1}^T da of every gate of a gated cell.
     */
    final Transposed hPrevsT = new Transposed();
    /** The recurrent weights' transposes, made by {@link #transposed}. */
    private final List<Transposed> recurrentTransposes = new ArrayList<>();
    /** Wx^T of the gate whose input gradients are being added: one matrix serves every gate in turn. */
    final Transposed wxT = new Transposed();
    /** dL/dx_t of every step, (B, X), made by the first backward of a reused trace that asks for input gradients. */
    Stack dx;
    /** The gradient holder of a reused trace, made by its first backward. */
    Parameters gradients;
    /** The stacks a trace shows by name ({@link Trace#gate}), in the order they were made. */
    private final Map<String, Stack> gates = new LinkedHashMap<>();

    Workspace(int steps, int batch, int inputSize, int hiddenSize, boolean cellState) {
        this.steps = steps;
        this.batch = batch;
        x = new Stack(steps, batch, inputSize);
        h = new Stack(steps, batch, hiddenSize);
        c = cellState ? new Stack(steps, batch, hiddenSize) : null;
        states = new ArrayList<>(steps + 1);
        for (int t = 0; t <= steps; t++) {
            states.add(stateAt(t));
        }
        dA = State.zeros(states.get(0).names(), batch, hiddenSize);
        dB = State.zeros(states.get(0).names(), batch, hiddenSize);
    }

    /** A new stack of T + 1 blocks of B x H (as wide as h), for a quantity of the cell's own. */
    final Stack stack() {
        return new Stack(steps, batch, h.at(0).cols());
    }

    /** A new stack that the trace also shows as the gate {@code name}: {@code final Stack z = gate("z");}. */
    final Stack gate(String name) {
        return gate(name, stack());
    }

    /** Shows {@code stack} as the gate {@code name} too; returns it. */
    final Stack gate(String name, Stack stack) {
        gates.put(name, stack);
        return stack;
    }

    /** A new transpose of a recurrent weight, kept per pass: {@code final Transposed whhT = transposed();}. */
    final Transposed transposed() {
        Transposed t = new Transposed();
        recurrentTransposes.add(t);
        return t;
    }

    /** At the start of a forward pass: no transpose is yet that of this pass's weights. */
    final void staleTransposes() {
        for (Transposed t : recurrentTransposes) {
            t.stale();
        }
    }

    /**
     * Whether the pass under way has made the recurrent weights' transposes (forward of a batch of 8
     * or more, or backward): a cell makes all of its own at once, so one made is all made.
     */
    final boolean transposesMade() {
        for (Transposed t : recurrentTransposes) {
            if (t.current() != null) {
                return true;
            }
        }
        return false;
    }

    Map<String, Stack> gates() {
        return Collections.unmodifiableMap(gates);
    }

    private State stateAt(int t) {
        return c == null ? State.of(h.at(t)) : State.of(h.at(t), c.at(t));
    }
}

package rnnkit.cells;

import java.util.List;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * A recurrent cell: takes x_t and the previous state, returns the next state, over a whole
 * sequence at once, and backpropagates through time by hand.
 *
 * <pre>
 *   xs      T steps, each a B x X matrix (one row vector per example)
 *   state   B x H per part: h (and c for the LSTM); zero when not given
 *   trace   h_1 .. h_T (each B x H), the gates of every step, the final state
 * </pre>
 *
 * <p>Usage in a lesson:
 * <pre>{@code
 * RecurrentCell cell = new GruCell(4, 8, 42);
 * Trace trace = cell.forward(xs);                        // h0 = 0
 * Matrix h3 = trace.h(3);                                // (B, H)
 * Matrix z = trace.gateOverTime("z", 0);                 // (T, H) heatmap of example 0
 * CellGradients g = cell.backward(trace, dhs, null);     // dL/dh_t for every t given
 * Matrix dWhz = g.parameters().get("Whz");
 * }</pre>
 */
public interface RecurrentCell {

    /** X, the size of each input vector x_t. */
    int inputSize();

    /** H, the size of the hidden state. */
    int hiddenSize();

    /** The parts of the state, {@code ["h"]} or {@code ["h", "c"]}. */
    List<String> stateNames();

    /** The names of the per-step gate activations and candidates a trace records, e.g. {@code ["z", "r", "hTilde"]}. */
    List<String> gateNames();

    /** The parameters by name, live: {@code parameters().get("Wxh")}. */
    Parameters parameters();

    /** The number of scalar parameters. */
    default int parameterCount() {
        return parameters().count();
    }

    /**
     * Runs the cell over the sequence {@code xs} from {@code initial} (null: zeros). Neither xs nor
     * initial is modified.
     *
     * @throws IllegalArgumentException if T = 0, a shape is wrong, the batch sizes differ, or an
     *     input holds NaN or infinity (the message names the argument, the step and the shapes)
     */
    Trace forward(List<Matrix> xs, State initial);

    /** {@link #forward(List, State)} from a zero state. */
    default Trace forward(List<Matrix> xs) {
        return forward(xs, null);
    }

    /**
     * Backpropagation through time over a trace this cell produced.
     *
     * @param dhs the loss gradient with respect to each h_t, t = 1..T (B x H each); the list, or
     *     any entry of it, may be null for zero
     * @param dFinal the loss gradient with respect to the final state (h_T and, for the LSTM,
     *     c_T), added to what flows back from dhs; null for zero
     * @return gradients for every parameter (by name), every input x_t, and the initial state
     *     (returned, never applied: clipping and updates belong to the training step)
     *
     * <p>Backward reads the trace and the cell's current parameters: call it before changing either.
     */
    CellGradients backward(Trace trace, List<Matrix> dhs, State dFinal);

    /**
     * {@link #forward(List, State)} for training loops: it writes into the matrices of
     * {@code reuse}, an earlier trace this method returned for this cell with the same T and B,
     * overwriting that trace, so a loop of passes allocates nothing per step. With any other trace
     * (or null) it makes new matrices. Backward over such a trace also returns gradients in
     * matrices the next backward pass overwrites. A cell without such buffers just runs
     * {@link #forward(List, State)}.
     */
    default Trace forward(List<Matrix> xs, State initial, Trace reuse) {
        return forward(xs, initial);
    }

    /**
     * {@link #backward(Trace, List, State)}, computing the input gradients dL/dx_t only when
     * {@code inputGradients} is true (otherwise {@link CellGradients#inputs()} is null). A model
     * whose inputs are data, not parameters, does not need them. A cell without that shortcut
     * computes them anyway.
     */
    default CellGradients backward(Trace trace, List<Matrix> dhs, State dFinal, boolean inputGradients) {
        return backward(trace, dhs, dFinal);
    }

    /** A zero state for a batch of the given size. */
    default State zeroState(int batch) {
        return State.zeros(stateNames(), batch, hiddenSize());
    }
}

package rnnkit.cells;

import rnnkit.tensor.Matrix;

/**
 * One quantity of a cell over the steps of a pass: a (T + 1) B x width matrix whose block t (rows
 * t B to (t + 1) B) is the B x width matrix of step t, t = 0..T (block 0 holds the initial state
 * where the quantity is a state, and is unused otherwise).
 *
 * <pre>
 *   stack      block 0 | block 1 | ... | block T        each B x width
 *   steps()              block 1 .. block T             (T B) x width: x_t, da_t, ... of every step
 *   previous() block 0 .. block T-1                     (T B) x width: h_{t-1} of every step
 * </pre>
 *
 * The steps' matrices sit one below the other, so a weight gradient summed over the steps, such as
 * dWhh = Σ_t h_{t-1}^T da_t, is the single product {@code h.previous()^T da.steps()}.
 */
final class Stack {

    private final Matrix[] blocks;
    private final Matrix steps;
    private final Matrix previous;

    /** Zeros: T + 1 blocks of B x width. */
    Stack(int steps, int batch, int width) {
        this(Matrix.zeros((steps + 1) * batch, width), steps, batch);
    }

    private Stack(Matrix all, int steps, int batch) {
        blocks = new Matrix[steps + 1];
        for (int t = 0; t <= steps; t++) {
            blocks[t] = all.viewRows(t * batch, (t + 1) * batch);
        }
        this.steps = all.viewRows(batch, (steps + 1) * batch);
        this.previous = all.viewRows(0, steps * batch);
    }

    /** Block t, the B x width matrix of step t (t = 0..T). */
    Matrix at(int t) {
        return blocks[t];
    }

    /** Blocks 1..T, one below the other: the matrices of every step, (T B) x width. */
    Matrix steps() {
        return steps;
    }

    /** Blocks 0..T-1, one below the other: what step t = 1..T read from the step before, (T B) x width. */
    Matrix previous() {
        return previous;
    }
}

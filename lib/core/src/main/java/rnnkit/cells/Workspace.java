package rnnkit.cells;

import java.util.HashMap;
import java.util.Map;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * The buffers of one forward and backward pass over T steps of a batch of B, reused by every later
 * pass of the same shape through the same {@link Trace}.
 *
 * <p>A named <em>stack</em> is one (T + 1) B x width matrix; its block t (rows tB to (t + 1)B) is
 * the B x width view that step t reads and writes (block 0 holds the initial state where a stack
 * has one). The steps' matrices therefore sit one below the other, and a sum over the steps such as
 * dWhh = Σ_t h_{t-1}^T da_t is a single product of two stacked views. A <em>scratch</em> is one
 * B x width matrix that every step overwrites.
 */
final class Workspace {

    final int steps;
    final int batch;
    private final Map<String, Matrix> stacks = new HashMap<>();
    private final Map<String, Matrix[]> blocks = new HashMap<>();
    private final Map<String, Matrix> scratch = new HashMap<>();
    private final Map<String, Matrix> ranges = new HashMap<>();
    private final Map<String, Matrix> transposes = new HashMap<>();
    private Parameters gradients;

    Workspace(int steps, int batch) {
        this.steps = steps;
        this.batch = batch;
    }

    /** Block t (0..T) of the stack {@code name}, a B x width view; the stack is made on first use. */
    Matrix block(String name, int t, int width) {
        Matrix[] views = blocks.get(name);
        if (views == null) {
            Matrix stack = Matrix.zeros((steps + 1) * batch, width);
            views = new Matrix[steps + 1];
            for (int k = 0; k <= steps; k++) {
                views[k] = stack.viewRows(k * batch, (k + 1) * batch);
            }
            stacks.put(name, stack);
            blocks.put(name, views);
        }
        return views[t];
    }

    /** Blocks from (inclusive) to (exclusive) of the stack {@code name} as one view, (to - from) B rows; made once. */
    Matrix blocks(String name, int from, int to) {
        Matrix stack = stacks.get(name);
        if (stack == null) {
            throw new IllegalStateException("no stack named '" + name + "' in this workspace");
        }
        return ranges.computeIfAbsent(name + "[" + from + ", " + to + ")", key -> stack.viewRows(from * batch, to * batch));
    }

    /** The scratch matrix {@code name}, rows x cols, made on first use; every step overwrites it. */
    Matrix scratch(String name, int rows, int cols) {
        return scratch.computeIfAbsent(name, n -> Matrix.zeros(rows, cols));
    }

    /** Sets the matrix kept as the transpose of {@code name} to weight^T, and returns it. */
    Matrix transpose(String name, Matrix weight) {
        return transposes.computeIfAbsent(name, n -> Matrix.zeros(weight.cols(), weight.rows())).setToTransposeInPlace(weight);
    }

    /** The transpose of the weight {@code name} as last set by {@link #transpose}. */
    Matrix transposed(String name) {
        Matrix m = transposes.get(name);
        if (m == null) {
            throw new IllegalStateException("no transpose of " + name + " in this workspace");
        }
        return m;
    }

    /** A gradient holder shaped like {@code params}, made once and set to zero on every call. */
    Parameters zeroGradients(Parameters params) {
        if (gradients == null) {
            gradients = params.zerosLike();
        } else {
            gradients.forEach((name, g) -> g.zeroInPlace());
        }
        return gradients;
    }
}

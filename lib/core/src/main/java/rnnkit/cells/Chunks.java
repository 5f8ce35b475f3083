package rnnkit.cells;

import java.util.ArrayList;
import java.util.List;

import rnnkit.tensor.Matrix;

/**
 * Truncated backpropagation through time for a cell on its own: cut a long sequence into chunks,
 * run each from the previous chunk's final state, and backpropagate within each chunk only.
 *
 * <pre>{@code
 * State state = null;
 * for (List<Matrix> chunk : Chunks.of(xs, 25)) {
 *     Trace trace = cell.forward(chunk, state);
 *     CellGradients g = cell.backward(trace, dhsFor(trace), null);   // stops at the chunk's start
 *     state = trace.finalState();                                    // the state is carried
 * }
 * }</pre>
 * (A {@link rnnkit.train.Trainer} does the same for a model when batches continue each other.)
 */
public final class Chunks {

    private Chunks() {
    }

    /** Consecutive chunks of {@code length} steps; the last one may be shorter. */
    public static List<List<Matrix>> of(List<Matrix> xs, int length) {
        if (xs == null || xs.isEmpty()) {
            throw new IllegalArgumentException("xs: the sequence must have T >= 1 steps, got " + (xs == null ? "null" : "T = 0"));
        }
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, got " + length);
        }
        List<List<Matrix>> chunks = new ArrayList<>();
        for (int start = 0; start < xs.size(); start += length) {
            chunks.add(List.copyOf(xs.subList(start, Math.min(xs.size(), start + length))));
        }
        return chunks;
    }
}

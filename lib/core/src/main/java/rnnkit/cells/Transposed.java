package rnnkit.cells;

import rnnkit.tensor.Matrix;

/**
 * A weight's transpose, kept for the products of backward (dh_{t-1} = da Whh^T, dx_t = da Wxh^T)
 * and, for a recurrent weight, of the forward pass too (h_{t-1} Whh runs faster given Whh^T, see
 * {@link Matrix#addProductInPlace(Matrix, Matrix, Matrix)}): made on the first {@link #of} and
 * overwritten by later ones, so a training loop allocates it once.
 */
final class Transposed {

    private Matrix value;

    /** Whether {@link #of} was called since the last {@link #stale}: the pass under way made it. */
    private boolean current;

    /** Sets this to w^T and returns it. */
    Matrix of(Matrix w) {
        if (value == null) {
            value = Matrix.zeros(w.cols(), w.rows());
        }
        current = true;
        return value.setToTransposeInPlace(w);
    }

    /** w^T as the last {@link #of} set it. */
    Matrix get() {
        return value;
    }

    /** w^T if this pass made it, else null. */
    Matrix current() {
        return current ? value : null;
    }

    /** Marks the transpose as not made by the pass that starts. */
    void stale() {
        current = false;
    }
}

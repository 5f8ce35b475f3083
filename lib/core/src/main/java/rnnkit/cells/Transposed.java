package rnnkit.cells;

import rnnkit.tensor.Matrix;

/**
 * A weight's transpose, kept for the products of backward (dh_{t-1} = da Whh^T, dx_t = da Wxh^T):
 * made on the first {@link #of} and overwritten by later ones, so a training loop allocates it once.
 */
final class Transposed {

    private Matrix value;

    /** Sets this to w^T and returns it. */
    Matrix of(Matrix w) {
        if (value == null) {
            value = Matrix.zeros(w.cols(), w.rows());
        }
        return value.setToTransposeInPlace(w);
    }

    /** w^T as the last {@link #of} set it. */
    Matrix get() {
        return value;
    }
}

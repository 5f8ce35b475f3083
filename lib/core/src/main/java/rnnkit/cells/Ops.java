package rnnkit.cells;

import rnnkit.tensor.EntryWise;
import rnnkit.tensor.Matrix;

/**
 * The entry-wise functions the cells share, and their derivatives written in terms of their
 * outputs. Each writes into a matrix it is given and returns it, so a step allocates nothing. The
 * loops live in {@link EntryWise}, beside the matrix's rows.
 */
final class Ops {

    private Ops() {
    }

    /** σ(a) = 1 / (1 + e^-a), computed without overflow for large |a|. */
    static double sigmoid(double a) {
        return EntryWise.sigmoid(a);
    }

    /** σ applied to every entry of a, in place; returns a. */
    static Matrix sigmoid(Matrix a) {
        return EntryWise.sigmoidInPlace(a);
    }

    /** tanh applied to every entry of a, in place; returns a. */
    static Matrix tanh(Matrix a) {
        return EntryWise.tanhInPlace(a);
    }

    /** out = dy ⊙ s ⊙ (1 - s): the gradient through s = σ(a), given s. out may be dy; returns out. */
    static Matrix sigmoidBackward(Matrix out, Matrix dy, Matrix s) {
        return EntryWise.sigmoidBackward(out, dy, s);
    }

    /** out = dy ⊙ (1 - t^2): the gradient through t = tanh(a), given t. out may be dy; returns out. */
    static Matrix tanhBackward(Matrix out, Matrix dy, Matrix t) {
        return EntryWise.tanhBackward(out, dy, t);
    }

    /**
     * out = x Wx + h Wh + b: the affine pre-activation every gate computes, (B, H); returns out.
     * whT is Wh's transpose, kept by the cell ({@link #addProduct}).
     */
    static Matrix affine(Matrix out, Matrix x, Matrix wx, Matrix h, Matrix wh, Transposed whT, Matrix b) {
        return addProduct(out.zeroInPlace().addProductInPlace(x, wx), h, wh, whT).addRowInPlace(b);
    }

    /**
     * out += h W; returns out. When this pass made W's transpose (whT) the product is given it as
     * well, which makes it faster for a batch of many sequences and leaves every bit the same.
     */
    static Matrix addProduct(Matrix out, Matrix h, Matrix w, Transposed wT) {
        Matrix t = wT.current();
        return t == null ? out.addProductInPlace(h, w) : out.addProductInPlace(h, w, t);
    }

    /** out = (1 - z) ⊙ a, entry-wise; returns out. */
    static Matrix oneMinusTimes(Matrix out, Matrix z, Matrix a) {
        return EntryWise.oneMinusTimes(out, z, a);
    }

    /** out = z ⊙ a + (1 - z) ⊙ b, entry-wise: the GRU's blend of two states; returns out. */
    static Matrix blend(Matrix out, Matrix z, Matrix a, Matrix b) {
        return EntryWise.blend(out, z, a, b);
    }
}

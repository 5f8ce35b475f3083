package rnnkit.cells;

import rnnkit.tensor.Matrix;

/**
 * The entry-wise functions the cells share, and their derivatives written in terms of their
 * outputs. Each writes into a matrix it is given and returns it, so a step allocates nothing.
 */
final class Ops {

    private Ops() {
    }

    /** σ(a) = 1 / (1 + e^-a), computed without overflow for large |a|. */
    static double sigmoid(double a) {
        if (a >= 0) {
            return 1.0 / (1.0 + Math.exp(-a));
        }
        double e = Math.exp(a);
        return e / (1.0 + e);
    }

    /** σ applied to every entry of a, in place; returns a. */
    static Matrix sigmoid(Matrix a) {
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                a.set(i, j, sigmoid(a.get(i, j)));
            }
        }
        return a;
    }

    /** tanh applied to every entry of a, in place; returns a. */
    static Matrix tanh(Matrix a) {
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                a.set(i, j, Math.tanh(a.get(i, j)));
            }
        }
        return a;
    }

    /** out = dy ⊙ s ⊙ (1 - s): the gradient through s = σ(a), given s. out may be dy; returns out. */
    static Matrix sigmoidBackward(Matrix out, Matrix dy, Matrix s) {
        for (int i = 0; i < out.rows(); i++) {
            for (int j = 0; j < out.cols(); j++) {
                double v = s.get(i, j);
                out.set(i, j, dy.get(i, j) * v * (1.0 - v));
            }
        }
        return out;
    }

    /** out = dy ⊙ (1 - t^2): the gradient through t = tanh(a), given t. out may be dy; returns out. */
    static Matrix tanhBackward(Matrix out, Matrix dy, Matrix t) {
        for (int i = 0; i < out.rows(); i++) {
            for (int j = 0; j < out.cols(); j++) {
                double v = t.get(i, j);
                out.set(i, j, dy.get(i, j) * (1.0 - v * v));
            }
        }
        return out;
    }

    /** out = x Wx + h Wh + b: the affine pre-activation every gate computes, (B, H); returns out. */
    static Matrix affine(Matrix out, Matrix x, Matrix wx, Matrix h, Matrix wh, Matrix b) {
        return out.zeroInPlace().addProductInPlace(x, wx).addProductInPlace(h, wh).addRowInPlace(b);
    }

    /** out = (1 - z) ⊙ a, entry-wise; returns out. */
    static Matrix oneMinusTimes(Matrix out, Matrix z, Matrix a) {
        for (int i = 0; i < out.rows(); i++) {
            for (int j = 0; j < out.cols(); j++) {
                out.set(i, j, (1.0 - z.get(i, j)) * a.get(i, j));
            }
        }
        return out;
    }

    /** out = z ⊙ a + (1 - z) ⊙ b, entry-wise: the GRU's blend of two states; returns out. */
    static Matrix blend(Matrix out, Matrix z, Matrix a, Matrix b) {
        for (int i = 0; i < out.rows(); i++) {
            for (int j = 0; j < out.cols(); j++) {
                double zij = z.get(i, j);
                out.set(i, j, zij * a.get(i, j) + (1.0 - zij) * b.get(i, j));
            }
        }
        return out;
    }
}

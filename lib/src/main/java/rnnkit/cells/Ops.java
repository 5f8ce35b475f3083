package rnnkit.cells;

import rnnkit.tensor.Matrix;

/** The entry-wise functions the cells share, and their derivatives written in terms of their outputs. */
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

    /** 1 - m, entry-wise. */
    static Matrix oneMinus(Matrix m) {
        return Matrix.filled(m.rows(), m.cols(), 1.0).addScaledInPlace(-1.0, m);
    }

    /** dy ⊙ s ⊙ (1 - s): the gradient through s = σ(a), given s. */
    static Matrix sigmoidBackward(Matrix dy, Matrix s) {
        Matrix out = dy.copy();
        for (int i = 0; i < out.rows(); i++) {
            for (int j = 0; j < out.cols(); j++) {
                double v = s.get(i, j);
                out.set(i, j, out.get(i, j) * v * (1.0 - v));
            }
        }
        return out;
    }

    /** dy ⊙ (1 - t^2): the gradient through t = tanh(a), given t. */
    static Matrix tanhBackward(Matrix dy, Matrix t) {
        Matrix out = dy.copy();
        for (int i = 0; i < out.rows(); i++) {
            for (int j = 0; j < out.cols(); j++) {
                double v = t.get(i, j);
                out.set(i, j, out.get(i, j) * (1.0 - v * v));
            }
        }
        return out;
    }

    /** x Wx + h Wh + b: the affine pre-activation every gate computes, (B, H). */
    static Matrix affine(Matrix x, Matrix wx, Matrix h, Matrix wh, Matrix b) {
        return Matrix.zeros(x.rows(), b.cols()).addProductInPlace(x, wx).addProductInPlace(h, wh).addRowInPlace(b);
    }
}

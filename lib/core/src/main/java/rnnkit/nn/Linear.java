package rnnkit.nn;

import java.util.Random;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * A fully connected layer on row vectors: y = x W + b.
 *
 * <pre>
 *   x (B, in)    W (in, out)    b (1, out)    y (B, out)
 * </pre>
 *
 * The names of W and b are given (a model's output layer calls them {@code Why} and {@code by},
 * as min-char-rnn does).
 */
public final class Linear {

    private final String weightName;
    private final String biasName;
    private final Matrix w;
    private final Matrix b;
    private final Parameters params = new Parameters();
    private Matrix wT;

    /** W uniform in ±1/sqrt(in) from {@code random}, b = 0. */
    public Linear(String weightName, String biasName, int in, int out, Random random) {
        if (in < 1) {
            throw new IllegalArgumentException("in must be >= 1, got " + in);
        }
        if (out < 1) {
            throw new IllegalArgumentException("out must be >= 1, got " + out);
        }
        this.weightName = weightName;
        this.biasName = biasName;
        w = params.add(weightName, Matrix.uniform(in, out, 1.0 / Math.sqrt(in), random));
        b = params.add(biasName, Matrix.zeros(1, out));
    }

    public Parameters parameters() {
        return params;
    }

    public int inputSize() {
        return w.rows();
    }

    public int outputSize() {
        return w.cols();
    }

    /** y = x W + b, (B, out). */
    public Matrix forward(Matrix x) {
        return forwardInto(x, Matrix.zeros(x.rows(), w.cols()));
    }

    /** out = x W + b, written into out (B, out); returns out. */
    public Matrix forwardInto(Matrix x, Matrix out) {
        if (x.cols() != w.rows()) {
            throw new IllegalArgumentException("x: expected shape (B, " + w.rows() + "), got " + x.shape());
        }
        return out.zeroInPlace().addProductInPlace(x, w).addRowInPlace(b);
    }

    /**
     * {@link #backward}, writing dx = dy W^T into {@code dx} (B, in) and reusing one matrix for
     * W^T across calls; returns dx.
     */
    public Matrix backwardInto(Matrix x, Matrix dy, Parameters grads, Matrix dx) {
        grads.get(weightName).addTransAProductInPlace(x, dy);
        grads.get(biasName).addColumnSumsInPlace(dy);
        if (wT == null) {
            wT = Matrix.zeros(w.cols(), w.rows());
        }
        return dx.zeroInPlace().addProductInPlace(dy, wT.setToTransposeInPlace(w));
    }

    /** Adds dW = x^T dy and db = Σ_rows dy to {@code grads} (under this layer's names) and returns dx = dy W^T. */
    public Matrix backward(Matrix x, Matrix dy, Parameters grads) {
        return backwardInto(x, dy, grads, Matrix.zeros(dy.rows(), w.rows()));
    }
}

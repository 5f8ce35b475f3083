package rnnkit.nn;

import rnnkit.tensor.Matrix;

/**
 * Softmax followed by cross-entropy, computed stably: with m = max_k z_k,
 * log softmax(z)_k = z_k - m - log Σ_j exp(z_j - m), so no exponential overflows.
 */
public final class SoftmaxCrossEntropy implements Loss {

    static final SoftmaxCrossEntropy INSTANCE = new SoftmaxCrossEntropy();

    private SoftmaxCrossEntropy() {
    }

    /** softmax(z / temperature) of every row, (B, K). Temperature 1 is the plain softmax. */
    public static Matrix softmax(Matrix logits, double temperature) {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
        }
        Matrix p = Matrix.zeros(logits.rows(), logits.cols());
        for (int b = 0; b < logits.rows(); b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < logits.cols(); k++) {
                max = Math.max(max, logits.get(b, k) / temperature);
            }
            double sum = 0.0;
            for (int k = 0; k < logits.cols(); k++) {
                double e = Math.exp(logits.get(b, k) / temperature - max);
                p.set(b, k, e);
                sum += e;
            }
            for (int k = 0; k < logits.cols(); k++) {
                p.set(b, k, p.get(b, k) / sum);
            }
        }
        return p;
    }

    @Override
    public Matrix probabilities(Matrix logits) {
        return softmax(logits, 1.0);
    }

    @Override
    public Value evaluate(Matrix logits, Matrix targets) {
        Loss.check(logits, targets);
        int rows = logits.rows();
        int cols = logits.cols();
        Matrix p = softmax(logits, 1.0);
        Matrix d = Matrix.zeros(rows, cols);
        double total = 0.0;
        for (int b = 0; b < rows; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < cols; k++) {
                max = Math.max(max, logits.get(b, k));
            }
            double sumExp = 0.0;
            for (int k = 0; k < cols; k++) {
                sumExp += Math.exp(logits.get(b, k) - max);
            }
            double logZ = max + Math.log(sumExp);
            double mass = 0.0;
            for (int k = 0; k < cols; k++) {
                double y = targets.get(b, k);
                if (y != 0.0) {
                    total -= y * (logits.get(b, k) - logZ);
                }
                mass += y;
            }
            // dL/dz_k = (p_k Σ_j y_j - y_k) / B
            for (int k = 0; k < cols; k++) {
                d.set(b, k, (p.get(b, k) * mass - targets.get(b, k)) / rows);
            }
        }
        return new Value(total / rows, d);
    }

    @Override
    public String toString() {
        return "softmax cross-entropy";
    }
}

package rnnkit.nn;

import rnnkit.tensor.EntryWise;
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
        Loss.checkLogits(logits);
        Matrix p = Matrix.zeros(logits.rows(), logits.cols());
        for (int b = 0; b < logits.rows(); b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < logits.cols(); k++) {
                max = Math.max(max, logits.get(b, k));
            }
            // (z_k - max) / T, not z_k / T - max / T: the difference is at most 0, so however small T is
            // nothing overflows, and as T goes to 0 every class below the maximum goes to exactly 0
            // (the limit of the softmax: all the mass on the most probable class, shared on a tie).
            double sum = 0.0;
            for (int k = 0; k < logits.cols(); k++) {
                double e = Math.exp((logits.get(b, k) - max) / temperature);
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
        Matrix d = Matrix.zeros(logits.rows(), logits.cols());
        double value = evaluateInto(logits, targets, d);
        return new Value(value, d);
    }

    @Override
    public double evaluateInto(Matrix logits, Matrix targets, Matrix d) {
        Loss.check(logits, targets);
        if (!d.sameShape(logits)) {
            throw new IllegalArgumentException("dLogits: expected shape " + logits.shape() + ", got " + d.shape());
        }
        int rows = logits.rows();
        int cols = logits.cols();
        double total = 0.0;
        for (int b = 0; b < rows; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < cols; k++) {
                max = Math.max(max, logits.get(b, k));
            }
            // e_k = exp(z_k - m) into row b of d, for the softmax p_k = e_k / Σ_j e_j
            double sumExp = EntryWise.expShifted(d, logits, b, max);
            double logZ = max + Math.log(sumExp);
            double mass = 0.0;
            for (int k = 0; k < cols; k++) {
                double y = targets.get(b, k);
                if (y != 0.0) {
                    if (y < 0.0 || y > 1.0) {
                        throw new BadTarget(b, "holds " + y + " at column " + k + "; a target of softmax cross-entropy is a"
                                + " probability between 0 and 1 (one-hot: a single 1, zeros elsewhere)");
                    }
                    total -= y * (logits.get(b, k) - logZ);
                }
                mass += y;
            }
            if (!(Math.abs(mass - 1.0) <= 1e-6)) {
                throw new BadTarget(b, "sums to " + mass + ", but a target row of softmax cross-entropy must sum to 1"
                        + (mass == 0.0 ? " (a row of zeros is a target that was never set: put a 1 at the right class)"
                                : " (one-hot: a single 1, zeros elsewhere)"));
            }
            // dL/dz_k = (p_k Σ_j y_j - y_k) / B
            for (int k = 0; k < cols; k++) {
                d.set(b, k, (d.get(b, k) / sumExp * mass - targets.get(b, k)) / rows);
            }
        }
        return total / rows;
    }

    @Override
    public String toString() {
        return "softmax cross-entropy";
    }
}

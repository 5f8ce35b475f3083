package rnnkit.nn;

import rnnkit.tensor.Matrix;

/**
 * Sigmoid followed by binary cross-entropy, per entry, computed stably:
 * -(y log σ(z) + (1 - y) log(1 - σ(z))) = max(z, 0) - z y + log(1 + e^{-|z|}).
 */
public final class SigmoidBinaryCrossEntropy implements Loss {

    static final SigmoidBinaryCrossEntropy INSTANCE = new SigmoidBinaryCrossEntropy();

    private SigmoidBinaryCrossEntropy() {
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    @Override
    public Matrix probabilities(Matrix logits) {
        Loss.checkLogits(logits);
        return logits.map(SigmoidBinaryCrossEntropy::sigmoid);
    }

    @Override
    public Value evaluate(Matrix logits, Matrix targets) {
        Loss.check(logits, targets);
        int n = logits.size();
        Matrix d = Matrix.zeros(logits.rows(), logits.cols());
        double total = 0.0;
        for (int k = 0; k < n; k++) {
            double z = logits.getFlat(k);
            double y = targets.getFlat(k);
            if (!(y >= 0.0 && y <= 1.0)) {
                throw new BadTarget(k / logits.cols(), "holds " + y + " at column " + k % logits.cols() + "; a target of sigmoid"
                        + " cross-entropy is a label 0 (no) or 1 (yes), or a probability between them");
            }
            total += Math.max(z, 0.0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
            d.setFlat(k, (sigmoid(z) - y) / n);
        }
        return new Value(total / n, d);
    }

    @Override
    public String toString() {
        return "sigmoid binary cross-entropy";
    }
}

package rnnkit.nn;

import rnnkit.tensor.Matrix;

/**
 * A loss on the logits of one step. {@link #evaluate} returns the value and dLoss/dlogits.
 *
 * <ul>
 *   <li>{@link #softmaxCrossEntropy()}: L = mean over rows b of -Σ_k y_bk log softmax(z_b)_k, for
 *       a choice among K classes (the next character, the pronoun). Targets are one-hot rows (or any
 *       probability rows: entries in [0, 1] summing to 1; a row of zeros is refused).
 *       dL/dz = (softmax(z) - y) / B for one-hot y.
 *   <li>{@link #sigmoidBinaryCrossEntropy()}: L = mean over all B x K entries of
 *       -(y log σ(z) + (1 - y) log(1 - σ(z))), for independent yes/no tags (is this word a name?).
 *       Targets are labels 0 or 1 (or probabilities between them); anything else is refused.
 *       dL/dz = (σ(z) - y) / (B K).
 * </ul>
 * Both are computed from the logits directly, never through a probability that could round to 0.
 */
public interface Loss {

    /**
     * The loss and its gradient.
     *
     * @param value the loss
     * @param dLogits dLoss/dlogits, the logits' shape
     */
    record Value(double value, Matrix dLogits) {
    }

    /** The loss of {@code logits} against {@code targets} (same shape) and its gradient. */
    Value evaluate(Matrix logits, Matrix targets);

    /**
     * {@link #evaluate}, writing dLoss/dlogits into {@code dLogits} (the logits' shape) instead of a
     * new matrix, and returning the loss: for training loops that reuse their matrices.
     */
    default double evaluateInto(Matrix logits, Matrix targets, Matrix dLogits) {
        Value v = evaluate(logits, targets);
        dLogits.copyFromInPlace(v.dLogits());
        return v.value();
    }

    /** The predicted distribution or probabilities for these logits: softmax rows, or σ per entry (logits must be finite). */
    Matrix probabilities(Matrix logits);

    static Loss softmaxCrossEntropy() {
        return SoftmaxCrossEntropy.INSTANCE;
    }

    static Loss sigmoidBinaryCrossEntropy() {
        return SigmoidBinaryCrossEntropy.INSTANCE;
    }

    /** Checks that logits and targets have the same shape, at least one row and column, and finite entries. */
    static void check(Matrix logits, Matrix targets) {
        if (logits == null || targets == null) {
            throw new IllegalArgumentException("logits and targets must not be null");
        }
        if (!logits.sameShape(targets)) {
            throw new IllegalArgumentException("targets: expected the logits' shape " + logits.shape() + ", got " + targets.shape());
        }
        checkLogits(logits);
        int k = targets.firstNonFinite();
        if (k >= 0) {
            throw new BadTarget(k / targets.cols(), "holds " + targets.getFlat(k) + " at column " + k % targets.cols()
                    + "; a target must be a finite number");
        }
    }

    /** Checks that logits have at least one row and one column and only finite entries. */
    static void checkLogits(Matrix logits) {
        if (logits == null) {
            throw new IllegalArgumentException("logits must not be null");
        }
        if (logits.rows() == 0 || logits.cols() == 0) {
            throw new IllegalArgumentException("logits have shape " + logits.shape() + ": an empty batch has no loss"
                    + " (the mean over no rows is NaN); give at least one example and one class");
        }
        int k = logits.firstNonFinite();
        if (k >= 0) {
            throw new IllegalArgumentException("logits row " + k / logits.cols() + " holds " + logits.getFlat(k) + " at column "
                    + k % logits.cols() + "; logits must be finite numbers. The model's outputs overflowed: in training this"
                    + " means it diverged, so lower the learning rate or clip the gradients");
        }
    }
}

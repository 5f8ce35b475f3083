package rnnkit.data;

import java.util.List;

import rnnkit.tensor.Matrix;

/**
 * A batch of sequences for training or evaluation.
 *
 * @param inputs T steps, each B x X (one-hot rows for a character or word model)
 * @param targets one B x K matrix per step for a many-to-many model, or a single one for a
 *     many-to-one model (one-hot rows for softmax cross-entropy, 0/1 entries for sigmoid tags)
 * @param continuesPrevious whether this batch continues the sequences of the previous batch, so
 *     training starts it from the previous final state (truncated BPTT: the state is carried, the
 *     gradient is not)
 */
public record Batch(List<Matrix> inputs, List<Matrix> targets, boolean continuesPrevious) {

    public Batch {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs: a batch needs T >= 1 steps, got " + (inputs == null ? "null" : "T = 0"));
        }
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("targets: a batch needs at least one target matrix, got "
                    + (targets == null ? "null" : "none"));
        }
        requireNoNull("inputs", inputs, true);
        requireNoNull("targets", targets, targets.size() == inputs.size());
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
    }

    private static void requireNoNull(String name, List<Matrix> steps, boolean onePerStep) {
        for (int k = 0; k < steps.size(); k++) {
            if (steps.get(k) == null) {
                throw new IllegalArgumentException(name + "[" + k + "]" + (onePerStep ? " (step t=" + (k + 1) + ")" : "")
                        + " is null; every entry must be a matrix");
            }
        }
    }

    /** A batch that starts from a zero state. */
    public static Batch of(List<Matrix> inputs, List<Matrix> targets) {
        return new Batch(inputs, targets, false);
    }

    /** A many-to-one batch: one target for the whole sequence. */
    public static Batch of(List<Matrix> inputs, Matrix target) {
        return new Batch(inputs, List.of(target), false);
    }

    public int steps() {
        return inputs.size();
    }

    public int batchSize() {
        return inputs.get(0).rows();
    }
}

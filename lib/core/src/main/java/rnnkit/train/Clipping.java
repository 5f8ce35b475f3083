package rnnkit.train;

import rnnkit.params.Parameters;

/**
 * Gradient clipping, applied by the training step to the gradients after backward and before the
 * optimiser (never inside backward, so gradient checks see the true gradient).
 * <ul>
 *   <li>{@link #globalNorm(double)}: if ‖g‖ (over every tensor) exceeds max, scale every gradient by max / ‖g‖.
 *   <li>{@link #value(double)}: clamp every entry to [-limit, limit] (min-char-rnn uses 5).
 * </ul>
 */
public sealed interface Clipping {

    /** Clips {@code grads} in place. */
    void apply(Parameters grads);

    static Clipping none() {
        return new None();
    }

    static Clipping globalNorm(double max) {
        return new GlobalNorm(max);
    }

    static Clipping value(double limit) {
        return new ByValue(limit);
    }

    /** No clipping. */
    record None() implements Clipping {
        @Override
        public void apply(Parameters grads) {
        }
    }

    /** Rescales the gradients so their global norm is at most {@code max}. */
    record GlobalNorm(double max) implements Clipping {
        public GlobalNorm {
            Optimizer.requirePositive("max", max);
        }

        @Override
        public void apply(Parameters grads) {
            double norm = grads.globalNorm();
            if (norm > max) {
                double s = max / norm;
                grads.forEach((n, g) -> g.scaleInPlace(s));
            }
        }
    }

    /** Clamps every gradient entry to [-limit, limit]. */
    record ByValue(double limit) implements Clipping {
        public ByValue {
            Optimizer.requirePositive("limit", limit);
        }

        @Override
        public void apply(Parameters grads) {
            grads.forEach((n, g) -> g.mapInPlace(v -> Math.max(-limit, Math.min(limit, v))));
        }
    }
}

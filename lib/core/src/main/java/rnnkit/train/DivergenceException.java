package rnnkit.train;

/**
 * Training stopped because a number became NaN or infinite: the loss, a gradient, or a parameter
 * after the update. Continuing would only train on garbage, so {@link Trainer#train} stops at the
 * first such step and says where it happened and what usually helps.
 */
public final class DivergenceException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int step;
    private final String quantity;
    private final double value;

    DivergenceException(int step, String quantity, double value, String detail) {
        super("training diverged at step " + step + ": " + quantity + " is " + value + detail
                + ". Lower the learning rate, or clip the gradients, e.g. .clipping(Clipping.globalNorm(5)).");
        this.step = step;
        this.quantity = quantity;
        this.value = value;
    }

    /** The training step (1-based) at which the value appeared. */
    public int step() {
        return step;
    }

    /** What held it, e.g. {@code "the loss"} or {@code "the gradient of Whh at (2, 5)"}. */
    public String quantity() {
        return quantity;
    }

    /** The value: NaN or an infinity. */
    public double value() {
        return value;
    }
}

package rnnkit.notebook;

/**
 * The assertions that end a lesson: each checks a claim the lesson's prose makes against a number
 * the lesson measured, and fails the cell (and so the test command) with a message that says which
 * claim broke and by how much. Unlike Java's {@code assert}, they are always on.
 *
 * <pre>{@code
 * Check.that(lstmRatio >= 100, "the LSTM's gradient at lag 50 is at least 100 times the RNN's, but the ratio is %.1f", lstmRatio);
 * Check.close(norm, Math.pow(0.9, 30), 1e-12, "|h_30| for rho = 0.9");
 * }</pre>
 */
public final class Check {

    private Check() {
    }

    /** Passes when {@code claim} holds; otherwise fails with the formatted message. */
    public static void that(boolean claim, String message, Object... args) {
        if (!claim) {
            throw new AssertionError("claim failed: " + String.format(message, args));
        }
    }

    /**
     * Passes when |actual - expected| &lt;= tolerance; otherwise fails naming the quantity, both
     * values and the difference. NaN never passes.
     */
    public static void close(double actual, double expected, double tolerance, String what) {
        double diff = Math.abs(actual - expected);
        if (!(diff <= tolerance)) {
            throw new AssertionError(String.format("claim failed: %s is %.17g, expected %.17g (difference %.3g > tolerance %.3g)",
                    what, actual, expected, diff, tolerance));
        }
    }
}

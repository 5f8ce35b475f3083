package rnnkit.grading;

import java.util.List;
import java.util.Locale;

import rnnkit.tensor.Matrix;

/**
 * The assertions graders use. A failed comparison names the likely mistake: the grader passes the
 * results that known mistakes would give, and the first one the student's result matches is named.
 */
public final class Expect {

    /** Relative tolerance for values computed two ways in double precision. */
    public static final double TOLERANCE = 1e-8;

    private Expect() {
    }

    /**
     * Fails unless {@code actual} has the shape of {@code expected} and the same values (within
     * {@link #TOLERANCE}).
     *
     * @param mistakes known mistakes and the matrices they produce; the first the actual value
     *     matches is the message
     */
    public static void close(String what, Matrix actual, Matrix expected, Mistake... mistakes) {
        close(what, actual, expected, List.of(mistakes));
    }

    /** {@link #close(String, Matrix, Matrix, Mistake...)} with the mistakes in a list. */
    public static void close(String what, Matrix actual, Matrix expected, List<Mistake> mistakes) {
        if (actual == null) {
            throw new AssertionError(what + " is null: return the matrix you computed");
        }
        if (matches(actual, expected)) {
            return;
        }
        for (Mistake m : mistakes) {
            if (matches(actual, m.result())) {
                throw new AssertionError(what + " is wrong: " + m.sentence());
            }
        }
        if (!actual.sameShape(expected)) {
            throw new AssertionError(what + " has shape " + actual.shape() + ", expected " + expected.shape());
        }
        int bad = actual.firstNonFinite();
        if (bad >= 0) {
            throw new AssertionError(what + " holds " + actual.getFlat(bad) + " at " + actual.entry(bad)
                    + ": an overflow (exp of a large number?) or a division by zero");
        }
        int worst = 0;
        double err = -1;
        for (int k = 0; k < actual.size(); k++) {
            double e = Math.abs(actual.getFlat(k) - expected.getFlat(k));
            if (e > err) {
                err = e;
                worst = k;
            }
        }
        throw new AssertionError(String.format(Locale.ROOT, "%s differs from the expected value: at %s got %.6g, expected %.6g",
                what, actual.entry(worst), actual.getFlat(worst), expected.getFlat(worst)));
    }

    /** Same shape and every entry within the tolerance. */
    public static boolean matches(Matrix actual, Matrix expected) {
        if (actual == null || expected == null || !actual.sameShape(expected)) {
            return false;
        }
        for (int k = 0; k < actual.size(); k++) {
            double a = actual.getFlat(k);
            double b = expected.getFlat(k);
            if (!(Math.abs(a - b) <= TOLERANCE * Math.max(1.0, Math.abs(b)))) {
                return false;
            }
        }
        return true;
    }

    /** Fails with {@code message} unless {@code condition}. */
    public static void that(boolean condition, String message, Object... args) {
        if (!condition) {
            throw new AssertionError(String.format(Locale.ROOT, message, args));
        }
    }
}

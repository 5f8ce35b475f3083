package rnnkit.lessons.basics;

import java.util.function.DoubleUnaryOperator;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Numeric derivatives of a function of one number, to see how their error depends on the step ε.
 *
 * <pre>
 *   one-sided      (f(x + ε) - f(x)) / ε                                   error O(ε)   + round-off ~ u/ε
 *   centered       (f(x + ε) - f(x - ε)) / (2ε)                            error O(ε²)  + round-off ~ u/ε
 *   fourth order   (f(x - 2ε) - 8 f(x - ε) + 8 f(x + ε) - f(x + 2ε)) / (12ε)   error O(ε⁴)  + round-off ~ u/ε
 * </pre>
 * (u ≈ 1.1e-16, the rounding unit of a double). {@link rnnkit.gradcheck.GradientCheck} uses the fourth-order
 * formula.
 */
public final class FiniteDifferences {

    private FiniteDifferences() {
    }

    public static double oneSided(DoubleUnaryOperator f, double x, double eps) {
        checkStep(eps);
        return (f.applyAsDouble(x + eps) - f.applyAsDouble(x)) / eps;
    }

    public static double centered(DoubleUnaryOperator f, double x, double eps) {
        checkStep(eps);
        return (f.applyAsDouble(x + eps) - f.applyAsDouble(x - eps)) / (2 * eps);
    }

    public static double fourthOrder(DoubleUnaryOperator f, double x, double eps) {
        checkStep(eps);
        return (f.applyAsDouble(x - 2 * eps) - 8 * f.applyAsDouble(x - eps) + 8 * f.applyAsDouble(x + eps)
                - f.applyAsDouble(x + 2 * eps)) / (12 * eps);
    }

    /**
     * The absolute error of each formula against the exact derivative {@code df} at {@code x}, for
     * each step: columns step, one_sided, centered, fourth_order. An error that comes out exactly 0
     * (the formula hit the exact double) is recorded as missing, since a log axis cannot show it.
     */
    public static Table errors(DoubleUnaryOperator f, double df, double x, double... steps) {
        if (steps.length == 0) {
            throw new IllegalArgumentException("steps: give at least one step size");
        }
        DoubleColumn step = DoubleColumn.create("step");
        DoubleColumn one = DoubleColumn.create("one_sided");
        DoubleColumn two = DoubleColumn.create("centered");
        DoubleColumn four = DoubleColumn.create("fourth_order");
        for (double eps : steps) {
            step.append(eps);
            append(one, Math.abs(oneSided(f, x, eps) - df));
            append(two, Math.abs(centered(f, x, eps) - df));
            append(four, Math.abs(fourthOrder(f, x, eps) - df));
        }
        return Table.create("error of the numeric derivative", step, one, two, four);
    }

    /**
     * Steps spaced evenly on a log axis, largest first: 10^from, then {@code perDecade} steps per
     * decade down to 10^to. {@code logSpaced(-1, -3, 2)} is 1e-1, 10^-1.5, 1e-2, 10^-2.5, 1e-3.
     */
    public static double[] logSpaced(int from, int to, int perDecade) {
        if (from < to) {
            throw new IllegalArgumentException("from must be >= to, got from = " + from + ", to = " + to);
        }
        if (perDecade < 1) {
            throw new IllegalArgumentException("perDecade must be >= 1, got " + perDecade);
        }
        double[] out = new double[(from - to) * perDecade + 1];
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.pow(10, from - (double) k / perDecade);
        }
        return out;
    }

    private static void append(DoubleColumn column, double error) {
        if (error == 0.0) {
            column.appendMissing();
        } else {
            column.append(error);
        }
    }

    private static void checkStep(double eps) {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps must be a positive number, got " + eps);
        }
    }
}

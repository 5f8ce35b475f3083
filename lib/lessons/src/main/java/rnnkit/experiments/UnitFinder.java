package rnnkit.experiments;

import rnnkit.cells.Trace;
import rnnkit.tensor.Matrix;

/**
 * Looking inside a trained cell: one unit's activation over time, and the unit that follows a
 * given signal best.
 *
 * <pre>{@code
 * Matrix c = UnitFinder.stateOverTime(trace, "c", 0);          // (T, H): example 0's cell state
 * UnitFinder.Found best = UnitFinder.bestCorrelated(c, depth);  // the unit that tracks depth[t] best
 * }</pre>
 */
public final class UnitFinder {

    /**
     * A unit and how well it follows the signal.
     *
     * @param unit the unit's index j in 0..H-1
     * @param correlation Pearson's r between the unit's activation and the signal, in [-1, 1]; the
     *     unit was chosen for the largest |r|, so the sign says whether it rises or falls with the signal
     */
    public record Found(int unit, double correlation) {
    }

    private UnitFinder() {
    }

    /** One example's state part ("h" or "c") after every step: T x H, row t - 1 is step t. */
    public static Matrix stateOverTime(Trace trace, String part, int example) {
        if (trace == null) {
            throw new IllegalArgumentException("trace must not be null");
        }
        if (example < 0 || example >= trace.batchSize()) {
            throw new IllegalArgumentException("example must be in [0, " + trace.batchSize() + "), got " + example);
        }
        if (!trace.state(0).has(part)) {
            throw new IllegalArgumentException("the state has no part '" + part + "'; its parts are " + trace.state(0).names());
        }
        int hidden = trace.state(0).get(part).cols();
        Matrix out = Matrix.zeros(trace.steps(), hidden);
        for (int t = 1; t <= trace.steps(); t++) {
            Matrix s = trace.state(t).get(part);
            for (int j = 0; j < hidden; j++) {
                out.set(t - 1, j, s.get(example, j));
            }
        }
        return out;
    }

    /** Column j of m as an array (one unit over time). */
    public static double[] unit(Matrix m, int j) {
        if (j < 0 || j >= m.cols()) {
            throw new IllegalArgumentException("unit must be in [0, " + m.cols() + "), got " + j);
        }
        double[] out = new double[m.rows()];
        for (int t = 0; t < out.length; t++) {
            out[t] = m.get(t, j);
        }
        return out;
    }

    /** Pearson's correlation of a and b; 0 when either is constant. */
    public static double correlation(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("correlation needs two arrays of the same length >= 2, got " + a.length
                    + " and " + b.length);
        }
        double ma = 0;
        double mb = 0;
        for (int k = 0; k < a.length; k++) {
            ma += a[k];
            mb += b[k];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int k = 0; k < a.length; k++) {
            sab += (a[k] - ma) * (b[k] - mb);
            saa += (a[k] - ma) * (a[k] - ma);
            sbb += (b[k] - mb) * (b[k] - mb);
        }
        return saa == 0 || sbb == 0 ? 0.0 : sab / Math.sqrt(saa * sbb);
    }

    /**
     * The unit (column of {@code activations}, T x H) whose activation over time has the largest
     * |correlation| with {@code signal} (length T).
     */
    public static Found bestCorrelated(Matrix activations, double[] signal) {
        if (activations.rows() != signal.length) {
            throw new IllegalArgumentException("activations have " + activations.rows() + " steps (rows) but the signal has "
                    + signal.length + " values");
        }
        int best = 0;
        double bestR = 0;
        for (int j = 0; j < activations.cols(); j++) {
            double r = correlation(unit(activations, j), signal);
            if (Math.abs(r) > Math.abs(bestR)) {
                best = j;
                bestR = r;
            }
        }
        return new Found(best, bestR);
    }

    /**
     * The unit whose value (a column of {@code last}, B x H, one row per example) separates two groups
     * of examples best: the largest |correlation| with {@code labels[b]}, 0 or 1 (the point-biserial
     * correlation; positive when the unit is higher in group 1).
     */
    public static Found mostSeparating(Matrix last, int[] labels) {
        if (last.rows() != labels.length) {
            throw new IllegalArgumentException("last has " + last.rows() + " examples (rows) but labels has " + labels.length);
        }
        double[] y = new double[labels.length];
        for (int b = 0; b < labels.length; b++) {
            if (labels[b] != 0 && labels[b] != 1) {
                throw new IllegalArgumentException("labels must be 0 or 1, got " + labels[b] + " at " + b);
            }
            y[b] = labels[b];
        }
        return bestCorrelated(last, y);
    }
}

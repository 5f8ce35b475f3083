package rnnkit.gradcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import rnnkit.cells.RecurrentCell;
import rnnkit.cells.State;
import rnnkit.params.Objective;
import rnnkit.tensor.Matrix;

/**
 * Compares analytic gradients with centered finite differences, in double precision, tensor by
 * tensor: the algorithm. Its result is a {@link GradientCheckReport}; the loss a cell is checked on
 * is a {@link CellObjective}.
 *
 * <p>For each checked entry w of each tensor the numeric derivative is first the fourth-order
 * centered difference
 * <pre>
 *   n = ( f(w-2ε) - 8 f(w-ε) + 8 f(w+ε) - f(w+2ε) ) / (12 ε)                              ε = 1e-3
 * </pre>
 * whose truncation error is O(ε^4): small enough to resolve a relative error of 1e-7 with a step
 * large enough that round-off stays near 1e-12 (a two-point difference cannot do both). The
 * relative error of an entry is {@code |a - n| / max(|a| + |n|, tiny)} (tiny = 1e-12), and a
 * tensor passes when its largest relative error is at most the threshold (1e-7 by default).
 *
 * <p>An entry whose error is above a tenth of the threshold is estimated again with the
 * sixth-order centered difference
 * <pre>
 *   n = ( -f(w-3h) + 9 f(w-2h) - 45 f(w-h) + 45 f(w+h) - 9 f(w+2h) + f(w+3h) ) / (60 h)
 * </pre>
 * at h = 5ε, 5ε/3 and 15ε, and the closest estimate is kept: a step's own numeric error (round-off
 * when the gradient is tiny, truncation when the loss is strongly curved, as in an LSTM without a
 * forget gate) shows at one step size only, while a wrong analytic gradient fails at every one. The
 * first estimate is the cheap one because most entries pass it.
 *
 * <p>Tensors with at most {@code maxEntries} entries (64 by default) are checked entry by entry;
 * larger ones on a seeded sample of that many entries.
 *
 * <p>Every entry is put back to the exact double it held, so a check leaves the model as it found it.
 *
 * <pre>{@code
 * GradientCheckReport r = GradientCheck.ofCell(new LstmCell(4, 8, 1), 20, 2, 7);
 * r.table();    // one row per tensor, for the notebook
 * r.passed();   // true when every tensor passed
 * }</pre>
 */
public final class GradientCheck {

    public static final double DEFAULT_THRESHOLD = 1e-7;
    public static final double DEFAULT_EPSILON = 1e-3;
    public static final double TINY = 1e-12;
    public static final int DEFAULT_MAX_ENTRIES = 64;

    // centered stencils: f'(w) ≈ Σ_{j=1..m} weights[j-1] (f(w + j ε) - f(w - j ε)) / (denominator ε)
    private static final double[] FOURTH_ORDER = {8, -1};
    private static final double FOURTH_ORDER_DENOMINATOR = 12.0;
    private static final double[] SIXTH_ORDER = {45, -9, 1};
    private static final double SIXTH_ORDER_DENOMINATOR = 60.0;
    // an entry whose error exceeds RETRY_BELOW * threshold is estimated again with the sixth-order
    // stencil at these multiples of ε
    private static final double[] RETRY_STEPS = {5.0, 5.0 / 3.0, 15.0};
    private static final double RETRY_BELOW = 0.1;

    private final double threshold;
    private final double epsilon;
    private final int maxEntries;
    private final long seed;

    private GradientCheck(double threshold, double epsilon, int maxEntries, long seed) {
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a positive number, got " + threshold);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a positive number, got " + epsilon);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1, got " + maxEntries);
        }
        this.threshold = threshold;
        this.epsilon = epsilon;
        this.maxEntries = maxEntries;
        this.seed = seed;
    }

    /** The default check: threshold 1e-7, ε = 1e-3, up to 64 entries per tensor, sample seed 0. */
    public static GradientCheck standard() {
        return new GradientCheck(DEFAULT_THRESHOLD, DEFAULT_EPSILON, DEFAULT_MAX_ENTRIES, 0L);
    }

    public GradientCheck threshold(double value) {
        return new GradientCheck(value, epsilon, maxEntries, seed);
    }

    public GradientCheck epsilon(double value) {
        return new GradientCheck(threshold, value, maxEntries, seed);
    }

    /** Tensors larger than this are checked on a seeded sample of this many entries. */
    public GradientCheck maxEntries(int value) {
        return new GradientCheck(threshold, epsilon, value, seed);
    }

    /** The seed of the entry sample. */
    public GradientCheck seed(long value) {
        return new GradientCheck(threshold, epsilon, maxEntries, value);
    }

    // ---------------------------------------------------------------- one-liners

    /**
     * Checks a cell on random inputs: T steps of B examples, a random nonzero initial state, all
     * drawn from {@code seed}, with the default settings. See {@link #check(RecurrentCell, List, State, long)}.
     */
    public static GradientCheckReport ofCell(RecurrentCell cell, int steps, int batch, long seed) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        Random random = new Random(seed);
        List<Matrix> xs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            xs.add(Matrix.gaussian(batch, cell.inputSize(), 1.0, random));
        }
        Matrix h0 = Matrix.gaussian(batch, cell.hiddenSize(), 0.5, random);
        State initial = cell.stateNames().contains("c") ? State.of(h0, Matrix.gaussian(batch, cell.hiddenSize(), 0.5, random))
                : State.of(h0);
        return standard().check(cell, xs, initial, random.nextLong());
    }

    /**
     * Checks a cell's backward pass over the sequence {@code xs} from {@code initial} (null: zeros).
     *
     * <p>The scalar loss is a fixed random projection of every output,
     * L = Σ_t ⟨R_t, h_t⟩ + ⟨S, final state⟩, with R_t and S drawn from {@code seed}, so that
     * dL/dh_t = R_t and every path of the backward pass is exercised, including the gradient given
     * for the final state. The tensors checked are the cell's parameters (by their names), the
     * inputs {@code x[0]} .. {@code x[T-1]} and the initial state ({@code h0}, and {@code c0} for the
     * LSTM). Neither {@code xs} nor {@code initial} is modified (the check works on copies).
     */
    public GradientCheckReport check(RecurrentCell cell, List<Matrix> xs, State initial, long seed) {
        return check(new CellObjective(cell, xs, initial, seed));
    }

    /**
     * Checks a model's backward pass on a batch from {@code initial} (null: zeros): every
     * parameter, the inputs and the initial state. See {@link rnnkit.nn.SequenceModel#objective}.
     */
    public GradientCheckReport check(rnnkit.nn.SequenceModel model, rnnkit.data.Batch batch, State initial) {
        return check(model.objective(batch, initial));
    }

    // ---------------------------------------------------------------- the check

    /** Checks every tensor of the objective; see the class comment. */
    public GradientCheckReport check(Objective objective) {
        Map<String, Matrix> analytic = objective.gradients();
        Random sampler = new Random(seed);
        List<GradientCheckReport.Row> rows = new ArrayList<>();
        for (Map.Entry<String, Matrix> e : objective.tensors().entrySet()) {
            String name = e.getKey();
            Matrix w = e.getValue();
            Matrix a = analytic.get(name);
            if (a == null || !a.sameShape(w)) {
                throw new IllegalArgumentException(name + ": the analytic gradient must have shape " + w.shape()
                        + ", got " + (a == null ? "none" : a.shape()));
            }
            int[] entries = choose(w.size(), sampler);
            double worstError = -1.0;
            int worst = -1;
            double worstNumeric = Double.NaN;
            for (int k : entries) {
                double n = numeric(objective, w, k, epsilon, FOURTH_ORDER, FOURTH_ORDER_DENOMINATOR);
                double err = relativeError(a.getFlat(k), n);
                for (int retry = 0; retry < RETRY_STEPS.length && !(err <= RETRY_BELOW * threshold); retry++) {
                    double n2 = numeric(objective, w, k, epsilon * RETRY_STEPS[retry], SIXTH_ORDER, SIXTH_ORDER_DENOMINATOR);
                    double err2 = relativeError(a.getFlat(k), n2);
                    if (err2 < err) {
                        n = n2;
                        err = err2;
                    }
                }
                if (Double.isNaN(err)) {
                    err = Double.POSITIVE_INFINITY;
                }
                if (err > worstError) {
                    worstError = err;
                    worst = k;
                    worstNumeric = n;
                }
            }
            worstError = Math.max(worstError, 0.0);
            String where = worst < 0 ? "-" : w.entry(worst);
            double worstAnalytic = worst < 0 ? Double.NaN : a.getFlat(worst);
            rows.add(new GradientCheckReport.Row(name, w.size(), entries.length, worstError, where, worstAnalytic, worstNumeric,
                    worstError <= threshold));
        }
        return new GradientCheckReport(rows, threshold);
    }

    /** |a - n| / max(|a| + |n|, tiny). */
    public static double relativeError(double a, double n) {
        return Math.abs(a - n) / Math.max(Math.abs(a) + Math.abs(n), TINY);
    }

    private static double numeric(Objective objective, Matrix w, int k, double epsilon, double[] weights,
            double denominator) {
        double original = w.getFlat(k);
        try {
            // Σ_j weights[j-1] (f(w + j ε) - f(w - j ε)): differences first, so a loss that does not
            // depend on w gives exactly 0
            double sum = 0.0;
            for (int j = 1; j <= weights.length; j++) {
                w.setFlat(k, original + j * epsilon);
                double plus = objective.loss();
                w.setFlat(k, original - j * epsilon);
                double minus = objective.loss();
                sum += weights[j - 1] * (plus - minus);
            }
            return sum / (denominator * epsilon);
        } finally {
            w.setFlat(k, original);
        }
    }

    /** Every index below n when n <= maxEntries, else a sorted sample of maxEntries distinct ones. */
    private int[] choose(int n, Random random) {
        int[] all = new int[n];
        for (int k = 0; k < n; k++) {
            all[k] = k;
        }
        if (n <= maxEntries) {
            return all;
        }
        for (int k = 0; k < maxEntries; k++) {
            int j = k + random.nextInt(n - k);
            int tmp = all[k];
            all[k] = all[j];
            all[j] = tmp;
        }
        int[] chosen = Arrays.copyOf(all, maxEntries);
        Arrays.sort(chosen);
        return chosen;
    }
}

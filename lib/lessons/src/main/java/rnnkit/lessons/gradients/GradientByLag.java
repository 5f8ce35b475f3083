package rnnkit.lessons.gradients;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import rnnkit.cells.CellGradients;
import rnnkit.cells.RecurrentCell;
import rnnkit.cells.State;
import rnnkit.cells.Trace;
import rnnkit.data.Batch;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToOneModel;
import rnnkit.tensor.Matrix;

/**
 * How far back a loss at the last step reaches: dL/dh_t for every step t of a sequence when the
 * only gradient enters at h_T.
 *
 * <pre>
 *   dL/dh_{t-1} = dL/dh_t · ∂h_t/∂h_{t-1}          (one step of BPTT, run by the cell's own backward)
 *   dL/dh_t     = dL/dh_T · ∂h_T/∂h_{T-1} ⋯ ∂h_{t+1}/∂h_t
 *   lag k = T - t;   norms[k] = ‖dL/dh_{T-k}‖  (Frobenius norm over the batch)
 * </pre>
 *
 * <p>A cell's {@code backward} returns only the gradient at h_0, so this class runs the recurrence of
 * gradients one step at a time: for t = T, T - 1, ..., 1 it replays step t on its own (a one-step
 * forward from the traced state t - 1) and calls the cell's backward with the gradient of state t as
 * the final-state gradient; the initial-state gradient it returns is the gradient of state t - 1.
 * The cells are used as they are, so the numbers are those of the cell's real BPTT (for the LSTM
 * the recurrence carries dL/dc_t as well; {@link #hNorms} reports the h part, the quantity the
 * lesson plots).
 */
public final class GradientByLag {

    private GradientByLag() {
    }

    /**
     * The gradient of the loss with respect to every state: element t (t = 0..T) is dL/d(state t), with
     * dL/dh_T = {@code dhT} and dL/dc_T = 0 (the loss reads only h_T).
     *
     * @param xs the cell's inputs x_1 .. x_T (B x X each)
     * @param initial the initial state (null: zeros)
     * @param dhT dL/dh_T, B x H
     * @throws IllegalArgumentException if dhT's shape is not B x H (naming both shapes) or xs is empty
     */
    public static List<State> stateGradients(RecurrentCell cell, List<Matrix> xs, State initial, Matrix dhT) {
        if (cell == null) {
            throw new IllegalArgumentException("cell must not be null");
        }
        if (xs == null || xs.isEmpty()) {
            throw new IllegalArgumentException("xs: the sequence must have T >= 1 steps, got " + (xs == null ? "null" : "T = 0"));
        }
        Trace trace = cell.forward(xs, initial);
        int steps = trace.steps();
        int batch = trace.batchSize();
        if (dhT == null || dhT.rows() != batch || dhT.cols() != cell.hiddenSize()) {
            throw new IllegalArgumentException("dhT: expected shape (" + batch + ", " + cell.hiddenSize() + "), got "
                    + (dhT == null ? "null" : dhT.shape()));
        }
        State[] grads = new State[steps + 1];
        // dL/d(state T): dh_T given, every other part (c_T) zero
        State dFinal = cell.zeroState(batch).withH(dhT.copy());
        grads[steps] = dFinal;
        for (int t = steps; t >= 1; t--) {
            Trace one = cell.forward(List.of(xs.get(t - 1)), trace.state(t - 1));
            CellGradients g = cell.backward(one, null, grads[t]);
            grads[t - 1] = g.initialState();
        }
        List<State> out = new ArrayList<>(steps + 1);
        Collections.addAll(out, grads);
        return Collections.unmodifiableList(out);
    }

    /**
     * ‖dL/dh_{T-k}‖ for lags k = 0..T (element k), from {@link #stateGradients}.
     */
    public static double[] hNorms(RecurrentCell cell, List<Matrix> xs, State initial, Matrix dhT) {
        List<State> grads = stateGradients(cell, xs, initial, dhT);
        int steps = grads.size() - 1;
        double[] norms = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            norms[k] = grads.get(steps - k).h().norm();
        }
        return norms;
    }

    /**
     * ‖dL/dh_{T-k}‖ / ‖dL/dh_T‖ for lags k = 0..T: how much of the last step's gradient is left k
     * steps back (1 at lag 0). Divides by the lag-0 norm so cells whose readouts differ compare fairly.
     *
     * @throws IllegalArgumentException if dhT is all zeros (nothing to follow back)
     */
    public static double[] relativeHNorms(RecurrentCell cell, List<Matrix> xs, State initial, Matrix dhT) {
        double[] norms = hNorms(cell, xs, initial, dhT);
        if (!(norms[0] > 0)) {
            throw new IllegalArgumentException("dhT must not be zero: its norm is " + norms[0]);
        }
        double first = norms[0];
        for (int k = 0; k < norms.length; k++) {
            norms[k] /= first;
        }
        return norms;
    }

    /**
     * The relative gradient norms by lag for a many-to-one model on a batch, with dL/dh_T the gradient
     * of the model's own loss (softmax or sigmoid cross-entropy after its output layer Why, by).
     *
     * @throws IllegalArgumentException if the model has an embedding (this helper feeds the batch's
     *     inputs straight into the cell) or the batch does not fit it
     */
    public static double[] relativeHNorms(ManyToOneModel model, Batch batch) {
        if (model == null || batch == null) {
            throw new IllegalArgumentException("model and batch must not be null");
        }
        if (model.parameters().has("E")) {
            throw new IllegalArgumentException("model: a model with an embedding E is not supported; its inputs must go straight into the cell");
        }
        return relativeHNorms(model.cell(), batch.inputs(), null, lastStepGradient(model, batch));
    }

    /** dL/dh_T of a many-to-one model's loss on a batch: dLogits Why^T, B x H. */
    public static Matrix lastStepGradient(ManyToOneModel model, Batch batch) {
        if (batch.targets().size() != 1) {
            throw new IllegalArgumentException("batch: a many-to-one batch has 1 target, got " + batch.targets().size());
        }
        Matrix hT = model.forward(batch.inputs(), null).trace().lastH();
        Matrix why = model.parameters().get("Why");
        Matrix logits = hT.matmul(why).addRowInPlace(model.parameters().get("by"));
        Loss.Value v = model.loss().evaluate(logits, batch.targets().get(0));
        return v.dLogits().matmulTransB(why);
    }

    /**
     * The per-step factor of an exponential fitted to {@code values[from..to]} against the index:
     * exp of the least-squares slope of ln values. Below 1 the values shrink geometrically (vanish),
     * above 1 they grow (explode).
     *
     * @throws IllegalArgumentException if the range is not inside the array with at least two points,
     *     or a value in it is not positive and finite
     */
    public static double perStepFactor(double[] values, int from, int to) {
        if (values == null || from < 0 || to >= values.length || to - from < 1) {
            throw new IllegalArgumentException("range [" + from + ", " + to + "] must hold at least two points of an array of length "
                    + (values == null ? "null" : values.length));
        }
        int n = to - from + 1;
        double meanX = 0;
        double meanY = 0;
        for (int k = from; k <= to; k++) {
            if (!(values[k] > 0) || !Double.isFinite(values[k])) {
                throw new IllegalArgumentException("values[" + k + "] must be positive and finite, got " + values[k]);
            }
            meanX += k;
            meanY += Math.log(values[k]);
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (int k = from; k <= to; k++) {
            sxy += (k - meanX) * (Math.log(values[k]) - meanY);
            sxx += (k - meanX) * (k - meanX);
        }
        return Math.exp(sxy / sxx);
    }

    /**
     * The geometric mean, lag by lag, of several runs' norms: exp of the mean of ln values[k]. The mean
     * that suits quantities spanning decades (an arithmetic mean would be the largest run's alone).
     *
     * @throws IllegalArgumentException if there are no runs, their lengths differ, or a value is not
     *     positive and finite
     */
    public static double[] geometricMean(List<double[]> runs) {
        if (runs == null || runs.isEmpty()) {
            throw new IllegalArgumentException("runs must not be empty");
        }
        int n = runs.get(0).length;
        double[] out = new double[n];
        for (int r = 0; r < runs.size(); r++) {
            double[] values = runs.get(r);
            if (values.length != n) {
                throw new IllegalArgumentException("runs[" + r + "] has length " + values.length + ", but runs[0] has " + n);
            }
            for (int k = 0; k < n; k++) {
                if (!(values[k] > 0) || !Double.isFinite(values[k])) {
                    throw new IllegalArgumentException("runs[" + r + "][" + k + "] must be positive and finite, got " + values[k]);
                }
                out[k] += Math.log(values[k]) / runs.size();
            }
        }
        for (int k = 0; k < n; k++) {
            out[k] = Math.exp(out[k]);
        }
        return out;
    }

}

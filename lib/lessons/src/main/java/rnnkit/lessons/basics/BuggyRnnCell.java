package rnnkit.lessons.basics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import rnnkit.cells.CellGradients;
import rnnkit.cells.RecurrentCell;
import rnnkit.cells.RnnCell;
import rnnkit.cells.State;
import rnnkit.cells.Trace;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * The vanilla RNN cell with its backward pass written out here, line by line, so that lesson 05 can
 * break one line on purpose and watch the gradient check catch it.
 *
 * <pre>
 *   forward   h_t = tanh(x_t Wxh + h_{t-1} Whh + bh)          (the library's {@link RnnCell}, same seed, same weights)
 *
 *   backward, for t = T .. 1, with dh = dL/dh_t (from the loss at step t plus what flows back from step t+1):
 *     da       = dh ⊙ (1 - h_t²)                    through the tanh           (B, H)
 *     dWxh    += x_tᵀ da                                                        (X, H)
 *     dWhh    += h_{t-1}ᵀ da                                                    (H, H)
 *     dbh     += Σ_rows da                                                      (1, H)
 *     dx_t     = da Wxhᵀ                                                        (B, X)
 *     dh_{t-1} = da Whhᵀ   (+ the loss gradient at step t-1)                    (B, H)
 * </pre>
 *
 * <p>Each {@link Bug} breaks exactly one of these lines. With {@link Bug#NONE} the gradients equal
 * {@link RnnCell}'s.
 */
public final class BuggyRnnCell implements RecurrentCell {

    /** Which line of the backward pass is wrong. */
    public enum Bug {
        /** No bug: the backward pass above. */
        NONE("none"),
        /** dbh -= Σ_rows da: the bias gradient has the wrong sign. */
        BIAS_SIGN_FLIPPED("dbh has the wrong sign"),
        /** dWhh += h_tᵀ da: the recurrent weight gradient uses the new state instead of the previous one. */
        WHH_USES_NEW_STATE("dWhh uses h_t instead of h_{t-1}"),
        /** dh_{t-1} = 0 (+ the loss gradient at step t-1): the term da Whhᵀ is missing, nothing flows back through time. */
        NO_GRADIENT_THROUGH_TIME("dh_{t-1} misses da Whhᵀ");

        private final String description;

        Bug(String description) {
            this.description = description;
        }

        /** What is wrong, in one line. */
        public String description() {
            return description;
        }
    }

    private final RnnCell cell;
    private final Bug bug;
    // the inputs of each trace this cell produced: backward needs x_t for dWxh, and a Trace keeps
    // only states; weak keys, so traces are forgotten when dropped
    private final Map<Trace, List<Matrix>> inputs = new WeakHashMap<>();

    /** An RNN cell with the same weights as {@code new RnnCell(inputSize, hiddenSize, seed)}, and the given bug. */
    public BuggyRnnCell(int inputSize, int hiddenSize, long seed, Bug bug) {
        if (bug == null) {
            throw new IllegalArgumentException("bug must not be null; use Bug.NONE for a correct backward pass");
        }
        this.cell = new RnnCell(inputSize, hiddenSize, seed);
        this.bug = bug;
    }

    public Bug bug() {
        return bug;
    }

    @Override
    public int inputSize() {
        return cell.inputSize();
    }

    @Override
    public int hiddenSize() {
        return cell.hiddenSize();
    }

    @Override
    public List<String> stateNames() {
        return cell.stateNames();
    }

    @Override
    public List<String> gateNames() {
        return cell.gateNames();
    }

    /** The parameters Wxh, Whh, bh (the wrapped RnnCell's, live). */
    @Override
    public Parameters parameters() {
        return cell.parameters();
    }

    @Override
    public Trace forward(List<Matrix> xs, State initial) {
        Trace trace = cell.forward(xs, initial);
        List<Matrix> copies = new ArrayList<>(xs.size());
        for (Matrix x : xs) {
            copies.add(x.copy());
        }
        inputs.put(trace, copies);
        return trace;
    }

    @Override
    public CellGradients backward(Trace trace, List<Matrix> dhs, State dFinal) {
        List<Matrix> xs = trace == null ? null : inputs.get(trace);
        if (xs == null) {
            throw new IllegalArgumentException("trace: backward needs a trace this cell's forward produced");
        }
        int steps = trace.steps();
        if (dhs != null && dhs.size() != steps) {
            throw new IllegalArgumentException("dhs: expected one gradient per step, T = " + steps + ", got " + dhs.size());
        }
        Matrix wxh = parameters().get("Wxh");
        Matrix whh = parameters().get("Whh");
        Parameters grads = parameters().zerosLike();
        Matrix dWxh = grads.get("Wxh");
        Matrix dWhh = grads.get("Whh");
        Matrix dbh = grads.get("bh");
        Matrix[] dxs = new Matrix[steps];
        // dL/dh_T: what the caller says about the final state
        Matrix dh = dFinal == null ? Matrix.zeros(trace.batchSize(), hiddenSize()) : dFinal.h().copy();
        for (int t = steps; t >= 1; t--) {
            if (dhs != null && dhs.get(t - 1) != null) {
                dh.addInPlace(dhs.get(t - 1));                               // the loss at step t
            }
            Matrix h = trace.h(t);
            Matrix hPrev = trace.h(t - 1);
            Matrix da = dh.times(h.map(v -> 1.0 - v * v));                   // through the tanh      (B, H)
            dWxh.addInPlace(xs.get(t - 1).matmulTransA(da));                 // x_tᵀ da               (X, H)
            Matrix stateUsed = bug == Bug.WHH_USES_NEW_STATE ? h : hPrev;
            dWhh.addInPlace(stateUsed.matmulTransA(da));                     // h_{t-1}ᵀ da           (H, H)
            double sign = bug == Bug.BIAS_SIGN_FLIPPED ? -1.0 : 1.0;
            dbh.addScaledInPlace(sign, da.sumRows());                        // Σ_rows da             (1, H)
            dxs[t - 1] = da.matmulTransB(wxh);                               // da Wxhᵀ               (B, X)
            dh = bug == Bug.NO_GRADIENT_THROUGH_TIME
                    ? Matrix.zeros(da.rows(), hiddenSize())
                    : da.matmulTransB(whh);                                  // da Whhᵀ               (B, H)
        }
        return new CellGradients(grads, List.of(dxs), State.of(dh));
    }

    @Override
    public String toString() {
        return "BuggyRnnCell(inputSize=" + inputSize() + ", hiddenSize=" + hiddenSize() + ", bug=" + bug.name() + ")";
    }
}

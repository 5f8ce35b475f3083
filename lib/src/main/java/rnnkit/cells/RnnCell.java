package rnnkit.cells;

import java.util.List;
import java.util.Map;
import java.util.Random;

import rnnkit.grad.Parameters;
import rnnkit.tensor.Matrix;

/**
 * The vanilla (Elman) recurrent cell.
 *
 * <pre>
 *   h_t = tanh(x_t Wxh + h_{t-1} Whh + bh)
 *
 *   x_t  (B, X)    Wxh (X, H)    Whh (H, H)    bh (1, H)    h_t (B, H)
 * </pre>
 *
 * <p>Parameters: {@code Wxh}, {@code Whh}, {@code bh}; H (X + H + 1) in all. The trace records
 * one "gate", {@code "h"}, the new state itself (a plain RNN has no gates; the lessons contrast its
 * heatmap with the gated cells').
 *
 * <p>Notation. Seed 004 concatenates x and h and applies one matrix: W [h_{t-1}; x_t] is the same
 * as h_{t-1} Whh + x_t Wxh with W split by rows. min-char-rnn uses the same names acting on column
 * vectors (Wxh there is our Wxh transposed). PyTorch's {@code nn.RNNCell}: weight_ih = Wxh^T,
 * weight_hh = Whh^T, bias_ih + bias_hh = bh.
 */
public final class RnnCell extends BaseCell<RnnCell.Cache> {

    record Cache(Matrix x, Matrix hPrev, Matrix h) {
    }

    private final Matrix wxh;
    private final Matrix whh;
    private final Matrix bh;

    /** A cell with weights uniform in ±1/sqrt(H) drawn from {@code new Random(seed)}, and bh = 0. */
    public RnnCell(int inputSize, int hiddenSize, long seed) {
        super(inputSize, hiddenSize);
        Random random = new Random(seed);
        wxh = weight("Wxh", inputSize, random);
        whh = weight("Whh", hiddenSize, random);
        bh = bias("bh", 0.0);
    }

    @Override
    public List<String> gateNames() {
        return List.of("h");
    }

    @Override
    Step<Cache> step(Matrix x, State prev) {
        Matrix hPrev = prev.h();
        // h_t = tanh(x Wxh + h_{t-1} Whh + bh)                    (B, H)
        Matrix h = Ops.tanh(Ops.affine(x, wxh, hPrev, whh, bh));
        Map<String, Matrix> gates = gates("h", h);
        return new Step<>(State.of(h), gates, new Cache(x, hPrev, h));
    }

    @Override
    StepGradients stepBackward(Cache c, State dNext, Parameters grads) {
        // through the tanh: da = dh ⊙ (1 - h^2)                 (B, H)
        Matrix da = Ops.tanhBackward(dNext.h(), c.h());
        sumOverSteps("Wxh", c.x(), da);                           // dWxh += x^T da
        sumOverSteps("Whh", c.hPrev(), da);                       // dWhh += h_{t-1}^T da
        grads.get("bh").addColumnSumsInPlace(da);                 // dbh  += column sums of da
        Matrix dx = da.matmul(transposed(wxh));                   // da Wxh^T  (B, X)
        Matrix dhPrev = da.matmul(transposed(whh));               // da Whh^T  (B, H)
        return new StepGradients(dx, State.of(dhPrev));
    }
}

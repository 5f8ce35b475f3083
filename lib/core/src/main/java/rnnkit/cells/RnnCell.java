package rnnkit.cells;

import java.util.List;
import java.util.Map;
import java.util.Random;

import rnnkit.params.Parameters;
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
 * <p>Notation. Kramer's "RNNs for NLP" concatenates x and h and applies one matrix: W [h_{t-1}; x_t] is the same
 * as h_{t-1} Whh + x_t Wxh with W split by rows. min-char-rnn uses the same names acting on column
 * vectors (Wxh there is our Wxh transposed). PyTorch's {@code nn.RNNCell}: weight_ih = Wxh^T,
 * weight_hh = Whh^T, bias_ih + bias_hh = bh.
 */
public final class RnnCell extends BaseCell<RnnCell.Buffers> {

    /** Step t's matrices: h_t (block t of "h") and da_t, the gradient of the pre-activation (block t of "dah"). */
    record Buffers(Matrix h, Matrix da) {
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
    Buffers buffers(Workspace w, int t) {
        return new Buffers(block(w, "h", t), block(w, "dah", t));
    }

    @Override
    Map<String, Matrix> gates(Buffers k) {
        return named("h", k.h());
    }

    @Override
    void step(Matrix x, State prev, Buffers k, State next) {
        // h_t = tanh(x Wxh + h_{t-1} Whh + bh)                    (B, H)
        Ops.tanh(Ops.affine(next.h(), x, wxh, prev.h(), whh, bh));
    }

    @Override
    void stepBackward(Workspace w, Matrix x, State prev, Buffers k, State dNext, State dPrev) {
        // through the tanh: da = dh ⊙ (1 - h_t^2)               (B, H)
        Matrix da = Ops.tanhBackward(k.da(), dNext.h(), k.h());
        // dh_{t-1} = da Whh^T                                    (B, H)
        dPrev.h().zeroInPlace().addProductInPlace(da, w.transposed("Whh"));
    }

    @Override
    void weightGradients(Workspace w, Parameters grads) {
        // dWxh = Σ_t x_t^T da_t, dWhh = Σ_t h_{t-1}^T da_t, dbh = Σ_t (column sums of da_t)
        affineGradients(w, grads, "h");
    }

    @Override
    void inputGradients(Workspace w, Matrix dX) {
        // dx_t = da_t Wxh^T
        affineInputGradients(w, dX, "h");
    }
}

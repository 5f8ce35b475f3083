package rnnkit.cells;

import java.util.List;
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

    /**
     * What a pass keeps besides x_t and h_t: da_t, the gradient of step t's pre-activation, and
     * the transposed recurrent weights.
     */
    final class Buffers extends Workspace {
        final Stack da = stack();                     // (B, H) per step
        final Transposed whhT = transposed();

        Buffers(int steps, int batch) {
            super(steps, batch, inputSize, hiddenSize, false);
            gate("h", h);   // a plain RNN has no gates: its heatmap is the state itself
        }
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
    Buffers workspace(int steps, int batch) {
        return new Buffers(steps, batch);
    }

    @Override
    void step(Buffers k, int t) {
        // h_t = tanh(x_t Wxh + h_{t-1} Whh + bh)                 (B, H)
        //   (k.wh*T: each Wh* transposed once per pass, which makes the products faster, not different)
        Ops.tanh(Ops.affine(k.h.at(t), k.x.at(t), wxh, k.h.at(t - 1), whh, k.whhT, bh));
    }

    @Override
    void transposeRecurrentWeights(Buffers k) {
        k.whhT.of(whh);
    }

    @Override
    void stepBackward(Buffers k, int t, State dNext, State dPrev) {
        // through the tanh: da_t = dh_t ⊙ (1 - h_t^2)            (B, H)
        Matrix da = Ops.tanhBackward(k.da.at(t), dNext.h(), k.h.at(t));
        // dh_{t-1} = da_t Whh^T                                  (B, H)
        dPrev.h().zeroInPlace().addProductInPlace(da, k.whhT.get(), whh);
    }

    @Override
    void weightGradients(Buffers k, Parameters grads) {
        Matrix da = k.da.steps();                                 // da_1 .. da_T, (T B, H)
        // dWxh = Σ_t x_t^T da_t,  dWhh = Σ_t h_{t-1}^T da_t,  dbh = Σ_t (column sums of da_t)
        grad(grads, wxh).addTransAProductInPlace(k.x.steps(), da);
        grad(grads, whh).addTransAProductInPlace(k.h.previous(), da);
        grad(grads, bh).addColumnSumsInPlace(da);
    }

    @Override
    void inputGradients(Buffers k, Matrix dX) {
        // dx_t = da_t Wxh^T
        dX.addProductInPlace(k.da.steps(), k.wxT.of(wxh));
    }
}

package rnnkit.cells;

import java.util.List;
import java.util.Random;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * The simplified GRU of Ng's Sequence Models course, as retold in
 * Kramer's "GRUs and LSTMs for NLP": one update gate and no reset gate.
 *
 * <pre>
 *   z_t      = σ(x_t Wxz + h_{t-1} Whz + bz)          update gate, (B, H)
 *   hTilde_t = tanh(x_t Wxh + h_{t-1} Whh + bh)        candidate,   (B, H)
 *   h_t      = z_t ⊙ hTilde_t + (1 - z_t) ⊙ h_{t-1}
 *
 *   x_t (B, X)   Wxz, Wxh (X, H)   Whz, Whh (H, H)   bz, bh (1, H)
 * </pre>
 *
 * <p>Parameters: {@code Wxz, Whz, bz, Wxh, Whh, bh}; 2 H (X + H + 1) in all. Gates recorded:
 * {@code "z"}, {@code "hTilde"}.
 *
 * <p>Notation. Ng's course writes the update gate Γu, or u, and the candidate
 * c̃ (with c = h in a GRU): Γu = {@code z}, c̃ = {@code hTilde}. We call the gate z so that the
 * full {@link GruCell} only adds a reset gate r to this cell. Here, as in Ng's course, z weights the
 * new candidate: z = 1 writes the candidate, z = 0 keeps the old state.
 */
public final class SimpleGruCell extends BaseCell<SimpleGruCell.Buffers> {

    /**
     * What a pass keeps besides x_t and h_t: z_t, hTilde_t and the gradients of their
     * pre-activations daz_t, dah_t, and the transposed recurrent weights.
     */
    final class Buffers extends Workspace {
        final Stack z = gate("z");
        final Stack hTilde = gate("hTilde");
        final Stack daz = stack();
        final Stack dah = stack();
        final Transposed whzT = transposed();
        final Transposed whhT = transposed();

        Buffers(int steps, int batch) {
            super(steps, batch, inputSize, hiddenSize, false);
        }
    }

    private final Matrix wxz;
    private final Matrix whz;
    private final Matrix bz;
    private final Matrix wxh;
    private final Matrix whh;
    private final Matrix bh;

    /** A cell with weights uniform in ±1/sqrt(H) drawn from {@code new Random(seed)}, biases 0. */
    public SimpleGruCell(int inputSize, int hiddenSize, long seed) {
        super(inputSize, hiddenSize);
        Random random = new Random(seed);
        // update gate
        wxz = weight("Wxz", inputSize, random);
        whz = weight("Whz", hiddenSize, random);
        bz = bias("bz", 0.0);
        // candidate
        wxh = weight("Wxh", inputSize, random);
        whh = weight("Whh", hiddenSize, random);
        bh = bias("bh", 0.0);
    }

    @Override
    public List<String> gateNames() {
        return List.of("z", "hTilde");
    }

    @Override
    Buffers workspace(int steps, int batch) {
        return new Buffers(steps, batch);
    }

    @Override
    void step(Buffers k, int t) {
        Matrix x = k.x.at(t);
        Matrix hPrev = k.h.at(t - 1);
        Matrix z = k.z.at(t);
        Matrix hTilde = k.hTilde.at(t);
        // z = σ(x Wxz + h_{t-1} Whz + bz)
        //   (k.wh*T: each Wh* transposed once per pass, which makes the products faster, not different)
        Ops.sigmoid(Ops.affine(z, x, wxz, hPrev, whz, k.whzT, bz));
        // hTilde = tanh(x Wxh + h_{t-1} Whh + bh)
        Ops.tanh(Ops.affine(hTilde, x, wxh, hPrev, whh, k.whhT, bh));
        // h = z ⊙ hTilde + (1 - z) ⊙ h_{t-1}
        Ops.blend(k.h.at(t), z, hTilde, hPrev);
    }

    @Override
    void transposeRecurrentWeights(Buffers k) {
        k.whzT.of(whz);
        k.whhT.of(whh);
    }

    @Override
    void stepBackward(Buffers k, int t, State dNext, State dPrev) {
        Matrix dh = dNext.h();
        Matrix hPrev = k.h.at(t - 1);
        Matrix z = k.z.at(t);
        Matrix hTilde = k.hTilde.at(t);
        Matrix daz = k.daz.at(t);
        Matrix dah = k.dah.at(t);
        // h = z ⊙ hTilde + (1 - z) ⊙ h_{t-1}: dhTilde = dh ⊙ z, dz = dh ⊙ (hTilde - h_{t-1}), dh_{t-1} = dh ⊙ (1 - z)
        Ops.tanhBackward(dah, dah.setToTimesInPlace(dh, z), hTilde);
        Ops.sigmoidBackward(daz, daz.copyFromInPlace(hTilde).addScaledInPlace(-1.0, hPrev).timesInPlace(dh), z);
        Matrix dhPrev = Ops.oneMinusTimes(dPrev.h(), z, dh);
        // and through the two pre-activations: + daz Whz^T + dah Whh^T
        dhPrev.addProductInPlace(daz, k.whzT.get(), whz).addProductInPlace(dah, k.whhT.get(), whh);
    }

    @Override
    void weightGradients(Buffers k, Parameters grads) {
        Matrix xs = k.x.steps();
        Matrix hPrevsT = k.hPrevsT.of(k.h.previous());   // h_{t-1} of every step, transposed once for every gate
        Matrix daz = k.daz.steps();
        Matrix dah = k.dah.steps();
        // update gate: dWxz = Σ_t x_t^T daz_t,  dWhz = Σ_t h_{t-1}^T daz_t,  dbz = Σ_t (column sums of daz_t)
        grad(grads, wxz).addTransAProductInPlace(xs, daz);
        grad(grads, whz).addProductInPlace(hPrevsT, daz);
        grad(grads, bz).addColumnSumsInPlace(daz);
        // candidate: dWxh = Σ_t x_t^T dah_t,  dWhh = Σ_t h_{t-1}^T dah_t,  dbh = Σ_t (column sums of dah_t)
        grad(grads, wxh).addTransAProductInPlace(xs, dah);
        grad(grads, whh).addProductInPlace(hPrevsT, dah);
        grad(grads, bh).addColumnSumsInPlace(dah);
    }

    @Override
    void inputGradients(Buffers k, Matrix dX) {
        // dx_t = daz_t Wxz^T + dah_t Wxh^T
        dX.addProductInPlace(k.daz.steps(), k.wxT.of(wxz));
        dX.addProductInPlace(k.dah.steps(), k.wxT.of(wxh));
    }
}

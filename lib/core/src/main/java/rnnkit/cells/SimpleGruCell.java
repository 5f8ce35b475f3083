package rnnkit.cells;

import java.util.List;
import java.util.Map;
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

    /** Step t's matrices: z, hTilde and the pre-activation gradients daz, dah (blocks t of their stacks). */
    record Buffers(Matrix z, Matrix hTilde, Matrix daz, Matrix dah) {
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
    Buffers buffers(Workspace w, int t) {
        return new Buffers(block(w, "z", t), block(w, "hTilde", t), block(w, "daz", t), block(w, "dah", t));
    }

    @Override
    Map<String, Matrix> gates(Buffers k) {
        return named("z", k.z(), "hTilde", k.hTilde());
    }

    @Override
    void step(Matrix x, State prev, Buffers k, State next) {
        Matrix hPrev = prev.h();
        // z = σ(x Wxz + h_{t-1} Whz + bz)
        Ops.sigmoid(Ops.affine(k.z(), x, wxz, hPrev, whz, bz));
        // hTilde = tanh(x Wxh + h_{t-1} Whh + bh)
        Ops.tanh(Ops.affine(k.hTilde(), x, wxh, hPrev, whh, bh));
        // h = z ⊙ hTilde + (1 - z) ⊙ h_{t-1}
        Ops.blend(next.h(), k.z(), k.hTilde(), hPrev);
    }

    @Override
    void stepBackward(Workspace w, Matrix x, State prev, Buffers k, State dNext, State dPrev) {
        Matrix dh = dNext.h();
        Matrix hPrev = prev.h();
        // h = z ⊙ hTilde + (1 - z) ⊙ h_{t-1}: dhTilde = dh ⊙ z, dz = dh ⊙ (hTilde - h_{t-1}), dh_{t-1} = dh ⊙ (1 - z)
        Ops.tanhBackward(k.dah(), k.dah().setToTimesInPlace(dh, k.z()), k.hTilde());
        Ops.sigmoidBackward(k.daz(), k.daz().copyFromInPlace(k.hTilde()).addScaledInPlace(-1.0, hPrev).timesInPlace(dh), k.z());
        Matrix dhPrev = Ops.oneMinusTimes(dPrev.h(), k.z(), dh);
        // and through the two pre-activations: + daz Whz^T + dah Whh^T
        dhPrev.addProductInPlace(k.daz(), w.transposed("Whz")).addProductInPlace(k.dah(), w.transposed("Whh"));
    }

    @Override
    void weightGradients(Workspace w, Parameters grads) {
        affineGradients(w, grads, "z");
        affineGradients(w, grads, "h");
    }

    @Override
    void inputGradients(Workspace w, Matrix dX) {
        affineInputGradients(w, dX, "z");
        affineInputGradients(w, dX, "h");
    }
}

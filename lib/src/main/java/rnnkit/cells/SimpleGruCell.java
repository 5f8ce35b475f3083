package rnnkit.cells;

import java.util.List;
import java.util.Random;

import rnnkit.grad.Parameters;
import rnnkit.tensor.Matrix;

/**
 * The simplified GRU of seed 000: one update gate and no reset gate.
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
 * <p>Notation. Seed 000 (after Andrew Ng) writes the update gate Γu, or u, and the candidate
 * c̃ (with c = h in a GRU): Γu = {@code z}, c̃ = {@code hTilde}. We call the gate z so that the
 * full {@link GruCell} only adds a reset gate r to this cell. Here, as in seed 000, z weights the
 * new candidate: z = 1 writes the candidate, z = 0 keeps the old state.
 */
public final class SimpleGruCell extends BaseCell<SimpleGruCell.Cache> {

    record Cache(Matrix x, Matrix hPrev, Matrix z, Matrix hTilde) {
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
    Step<Cache> step(Matrix x, State prev) {
        Matrix hPrev = prev.h();
        // z = σ(x Wxz + h_{t-1} Whz + bz)
        Matrix z = Ops.sigmoid(Ops.affine(x, wxz, hPrev, whz, bz));
        // hTilde = tanh(x Wxh + h_{t-1} Whh + bh)
        Matrix hTilde = Ops.tanh(Ops.affine(x, wxh, hPrev, whh, bh));
        // h = z ⊙ hTilde + (1 - z) ⊙ h_{t-1}
        Matrix h = z.times(hTilde).addInPlace(Ops.oneMinus(z).timesInPlace(hPrev));
        return new Step<>(State.of(h), gates("z", z, "hTilde", hTilde), new Cache(x, hPrev, z, hTilde));
    }

    @Override
    StepGradients stepBackward(Cache c, State dNext, Parameters grads) {
        Matrix dh = dNext.h();
        // h = z ⊙ hTilde + (1 - z) ⊙ hPrev
        Matrix dhTilde = dh.times(c.z());
        Matrix dz = dh.times(c.hTilde().minus(c.hPrev()));
        Matrix dhPrev = dh.times(Ops.oneMinus(c.z()));
        // through the nonlinearities
        Matrix dzRaw = Ops.sigmoidBackward(dz, c.z());
        Matrix dnRaw = Ops.tanhBackward(dhTilde, c.hTilde());
        Matrix dx = Matrix.zeros(dh.rows(), inputSize);
        affineBackward(dzRaw, c.x(), c.hPrev(), "z", grads, dx, dhPrev);
        affineBackward(dnRaw, c.x(), c.hPrev(), "h", grads, dx, dhPrev);
        return new StepGradients(dx, State.of(dhPrev));
    }
}

package rnnkit.cells;

import java.util.List;
import java.util.Random;

import rnnkit.grad.Parameters;
import rnnkit.tensor.Matrix;

/**
 * The gated recurrent unit (Cho et al. 2014), with an update gate z and a reset gate r, in each of
 * the conventions the seed articles use.
 *
 * <pre>
 *   z_t = σ(x_t Wxz + h_{t-1} Whz + bz)                         update gate    (B, H)
 *   r_t = σ(x_t Wxr + h_{t-1} Whr + br)                         reset gate     (B, H)
 *
 *   reset BEFORE_PRODUCT (default; Cho et al. 2014, seeds 000 and 003):
 *   hTilde_t = tanh(x_t Wxh + (r_t ⊙ h_{t-1}) Whh + bh)
 *   reset AFTER_PRODUCT (PyTorch and cuDNN; seed 001):
 *   hTilde_t = tanh(x_t Wxh + bh + r_t ⊙ (h_{t-1} Whh + bhh))
 *
 *   update weights the CANDIDATE (default; seeds 000 and 003):
 *   h_t = z_t ⊙ hTilde_t + (1 - z_t) ⊙ h_{t-1}
 *   update weights the PREVIOUS_STATE (PyTorch, Cho et al. 2014; seed 001):
 *   h_t = z_t ⊙ h_{t-1} + (1 - z_t) ⊙ hTilde_t
 *
 *   x_t (B, X)   Wxz, Wxr, Wxh (X, H)   Whz, Whr, Whh (H, H)   bz, br, bh, bhh (1, H)
 * </pre>
 *
 * <p>Parameters: {@code Wxz, Whz, bz, Wxr, Whr, br, Wxh, Whh, bh}, plus {@code bhh} (the bias
 * of the hidden-side candidate product, inside the reset) in the AFTER_PRODUCT form:
 * 3 H (X + H + 1) in all, and H more for AFTER_PRODUCT. Gates recorded: {@code "z"}, {@code "r"},
 * {@code "hTilde"}.
 *
 * <p><b>The two update conventions are one family.</b> Since 1 - σ(a) = σ(-a), a cell that weights
 * the previous state with z is exactly a cell that weights the candidate with z' = 1 - z, whose
 * weights are Wxz' = -Wxz, Whz' = -Whz, bz' = -bz (GruCellTest proves it).
 * <b>The two reset conventions are not:</b> they agree when r = 1 (and bhh = 0), and differ
 * otherwise, because r ⊙ (h Whh) mixes units after the product while (r ⊙ h) Whh gates each unit of
 * h before it is mixed; no choice of weights turns one into the other in general.
 *
 * <p><b>Why this default.</b> BEFORE_PRODUCT with the update gate weighting the CANDIDATE is the form
 * the lessons derive: Ng's equations in seed 000 (c = Γu ⊙ c̃ + (1 - Γu) ⊙ c, with Γr applied to
 * the old state inside c̃), seed 003's h = (1 - z) ⊙ h_{t-1} + z ⊙ h', and seed 002's "forget with
 * 1 - input gate". It grows the {@link SimpleGruCell} by one gate without changing anything else,
 * and a gate value of 1 reads as "write the new candidate" like the LSTM's input gate.
 * {@link Options#PYTORCH} selects the framework form with one argument.
 *
 * <p>Notation and mapping.
 * <ul>
 *   <li>Seed 000 (Ng): Γu = {@code z}, Γr = {@code r}, c̃ = {@code hTilde}, c = h.
 *   <li>Seed 003: z = {@code z}, r = {@code r}, h' = {@code hTilde}; h^{t-1'} = r ⊙ h_{t-1}.
 *   <li>Seed 002: its GRU keeps the LSTM's input gate i_t and forgets with 1 - i_t: i_t = {@code z}
 *       in the default convention.
 *   <li>Seed 001 and PyTorch {@code nn.GRUCell} (chunks in the order r, z, n; n = {@code hTilde}),
 *       with {@link Options#PYTORCH}: Wxr = W_ir^T, Wxz = W_iz^T, Wxh = W_in^T (the three row blocks
 *       of weight_ih, transposed), Whr = W_hr^T, Whz = W_hz^T, Whh = W_hn^T (of weight_hh),
 *       br = b_ir + b_hr, bz = b_iz + b_hz, bh = b_in, bhh = b_hn. Seed 001's code names the
 *       chunks reset, input, z; its "input_gate" is the update gate z and its "new_gate" is n.
 *   <li>Keras: reset_after=False is BEFORE_PRODUCT, reset_after=True is AFTER_PRODUCT; both weight
 *       the previous state with z.
 * </ul>
 */
public final class GruCell extends BaseCell<GruCell.Cache> {

    /** Where the reset gate acts on the candidate's hidden term. */
    public enum ResetPlacement {
        /** (r ⊙ h_{t-1}) Whh + bh: Cho et al. 2014, seeds 000 and 003. */
        BEFORE_PRODUCT,
        /** r ⊙ (h_{t-1} Whh + bhh), with its own bias bhh: PyTorch, cuDNN, seed 001. */
        AFTER_PRODUCT
    }

    /** Which term the update gate z multiplies. */
    public enum UpdateWeights {
        /** h = z ⊙ hTilde + (1 - z) ⊙ h_{t-1}: seeds 000 and 003. */
        CANDIDATE,
        /** h = z ⊙ h_{t-1} + (1 - z) ⊙ hTilde: PyTorch, Cho et al. 2014, seed 001. */
        PREVIOUS_STATE
    }

    /**
     * The convention of a GRU.
     *
     * @param reset where the reset gate acts
     * @param update which term the update gate weights
     */
    public record Options(ResetPlacement reset, UpdateWeights update) {

        /** The kit's default: reset before the product, update gate weighting the candidate. */
        public static final Options DEFAULT = new Options(ResetPlacement.BEFORE_PRODUCT, UpdateWeights.CANDIDATE);

        /** PyTorch's {@code nn.GRU} / cuDNN (seed 001): reset after the product, z weighting the old state. */
        public static final Options PYTORCH = new Options(ResetPlacement.AFTER_PRODUCT, UpdateWeights.PREVIOUS_STATE);

        /** The original paper, Cho et al. 2014: reset before the product, z weighting the old state. */
        public static final Options CHO_2014 = new Options(ResetPlacement.BEFORE_PRODUCT, UpdateWeights.PREVIOUS_STATE);

        public Options {
            if (reset == null || update == null) {
                throw new IllegalArgumentException("GRU options must not be null: reset=" + reset + ", update=" + update);
            }
        }

        public Options with(ResetPlacement r) {
            return new Options(r, update);
        }

        public Options with(UpdateWeights u) {
            return new Options(reset, u);
        }
    }

    record Cache(Matrix x, Matrix hPrev, Matrix z, Matrix r, Matrix hTilde, Matrix hiddenTerm) {
    }

    private final Options options;
    private final Matrix wxz;
    private final Matrix whz;
    private final Matrix bz;
    private final Matrix wxr;
    private final Matrix whr;
    private final Matrix br;
    private final Matrix wxh;
    private final Matrix whh;
    private final Matrix bh;
    private final Matrix bhh;

    /** A GRU in the default convention ({@link Options#DEFAULT}). */
    public GruCell(int inputSize, int hiddenSize, long seed) {
        this(inputSize, hiddenSize, seed, Options.DEFAULT);
    }

    /** A GRU in the given convention; weights uniform in ±1/sqrt(H) from {@code new Random(seed)}, biases 0. */
    public GruCell(int inputSize, int hiddenSize, long seed, Options options) {
        super(inputSize, hiddenSize);
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
        Random random = new Random(seed);
        // update gate
        wxz = weight("Wxz", inputSize, random);
        whz = weight("Whz", hiddenSize, random);
        bz = bias("bz", 0.0);
        // reset gate
        wxr = weight("Wxr", inputSize, random);
        whr = weight("Whr", hiddenSize, random);
        br = bias("br", 0.0);
        // candidate
        wxh = weight("Wxh", inputSize, random);
        whh = weight("Whh", hiddenSize, random);
        bh = bias("bh", 0.0);
        bhh = options.reset() == ResetPlacement.AFTER_PRODUCT ? bias("bhh", 0.0) : null;
    }

    public Options options() {
        return options;
    }

    @Override
    public List<String> gateNames() {
        return List.of("z", "r", "hTilde");
    }

    @Override
    Step<Cache> step(Matrix x, State prev) {
        Matrix hPrev = prev.h();
        // z = σ(x Wxz + h_{t-1} Whz + bz), r = σ(x Wxr + h_{t-1} Whr + br)
        Matrix z = Ops.sigmoid(Ops.affine(x, wxz, hPrev, whz, bz));
        Matrix r = Ops.sigmoid(Ops.affine(x, wxr, hPrev, whr, br));
        Matrix hiddenTerm;
        Matrix pre = x.matmul(wxh).addRowInPlace(bh);
        if (options.reset() == ResetPlacement.BEFORE_PRODUCT) {
            // (r ⊙ h_{t-1}) Whh
            hiddenTerm = r.times(hPrev);
            pre.addInPlace(hiddenTerm.matmul(whh));
        } else {
            // r ⊙ (h_{t-1} Whh + bhh)
            hiddenTerm = hPrev.matmul(whh).plusRow(bhh);
            pre.addInPlace(r.times(hiddenTerm));
        }
        Matrix hTilde = Ops.tanh(pre);
        Matrix h;
        if (options.update() == UpdateWeights.CANDIDATE) {
            // h = z ⊙ hTilde + (1 - z) ⊙ h_{t-1}
            h = z.times(hTilde).addInPlace(Ops.oneMinus(z).timesInPlace(hPrev));
        } else {
            // h = z ⊙ h_{t-1} + (1 - z) ⊙ hTilde
            h = z.times(hPrev).addInPlace(Ops.oneMinus(z).timesInPlace(hTilde));
        }
        return new Step<>(State.of(h), gates("z", z, "r", r, "hTilde", hTilde),
                new Cache(x, hPrev, z, r, hTilde, hiddenTerm));
    }

    @Override
    StepGradients stepBackward(Cache c, State dNext, Parameters grads) {
        Matrix dh = dNext.h();
        Matrix dhTilde;
        Matrix dz;
        Matrix dhPrev;
        if (options.update() == UpdateWeights.CANDIDATE) {
            dhTilde = dh.times(c.z());
            dz = dh.times(c.hTilde().minus(c.hPrev()));
            dhPrev = dh.times(Ops.oneMinus(c.z()));
        } else {
            dhTilde = dh.times(Ops.oneMinus(c.z()));
            dz = dh.times(c.hPrev().minus(c.hTilde()));
            dhPrev = dh.times(c.z());
        }
        // through hTilde = tanh(pre)
        Matrix dnRaw = Ops.tanhBackward(dhTilde, c.hTilde());
        sumOverSteps("Wxh", c.x(), dnRaw);
        grads.get("bh").addColumnSumsInPlace(dnRaw);
        Matrix dr;
        if (options.reset() == ResetPlacement.BEFORE_PRODUCT) {
            // pre = ... + (r ⊙ hPrev) Whh
            Matrix rh = c.hiddenTerm();
            sumOverSteps("Whh", rh, dnRaw);
            Matrix drh = dnRaw.matmul(transposed(whh));
            dr = drh.times(c.hPrev());
            dhPrev.addInPlace(drh.timesInPlace(c.r()));
        } else {
            // pre = ... + r ⊙ (hPrev Whh + bhh)
            Matrix dHidden = dnRaw.times(c.r());
            dr = dnRaw.times(c.hiddenTerm());
            sumOverSteps("Whh", c.hPrev(), dHidden);
            grads.get("bhh").addColumnSumsInPlace(dHidden);
            dhPrev.addProductInPlace(dHidden, transposed(whh));
        }
        // through the gates' sigmoids
        Matrix dzRaw = Ops.sigmoidBackward(dz, c.z());
        Matrix drRaw = Ops.sigmoidBackward(dr, c.r());
        Matrix dx = dnRaw.matmul(transposed(wxh));
        affineBackward(dzRaw, c.x(), c.hPrev(), "z", grads, dx, dhPrev);
        affineBackward(drRaw, c.x(), c.hPrev(), "r", grads, dx, dhPrev);
        return new StepGradients(dx, State.of(dhPrev));
    }

    @Override
    public String toString() {
        return "GruCell(inputSize=" + inputSize + ", hiddenSize=" + hiddenSize + ", reset=" + options.reset()
                + ", update=" + options.update() + ", parameters=" + parameterCount() + ")";
    }
}

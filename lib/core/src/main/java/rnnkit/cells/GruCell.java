package rnnkit.cells;

import java.util.List;
import java.util.Random;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * The gated recurrent unit (Cho et al. 2014), with an update gate z and a reset gate r, in each of
 * the conventions of the articles and libraries the lessons follow.
 *
 * <pre>
 *   z_t = σ(x_t Wxz + h_{t-1} Whz + bz)                         update gate    (B, H)
 *   r_t = σ(x_t Wxr + h_{t-1} Whr + br)                         reset gate     (B, H)
 *
 *   reset BEFORE_PRODUCT (default; Cho et al. 2014, Ng, Kurong 2024):
 *   hTilde_t = tanh(x_t Wxh + (r_t ⊙ h_{t-1}) Whh + bh)
 *   reset AFTER_PRODUCT (PyTorch and cuDNN; the "LSTM vs GRU" article):
 *   hTilde_t = tanh(x_t Wxh + bh + r_t ⊙ (h_{t-1} Whh + bhh))
 *
 *   update weights the CANDIDATE (default; Ng, Kurong 2024):
 *   h_t = z_t ⊙ hTilde_t + (1 - z_t) ⊙ h_{t-1}
 *   update weights the PREVIOUS_STATE (PyTorch, Cho et al. 2014):
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
 * the lessons derive: Ng's equations (c = Γu ⊙ c̃ + (1 - Γu) ⊙ c, with Γr applied to
 * the old state inside c̃), Kurong's h = (1 - z) ⊙ h_{t-1} + z ⊙ h', and Kumar's "forget with
 * 1 - input gate". It grows the {@link SimpleGruCell} by one gate without changing anything else,
 * and a gate value of 1 reads as "write the new candidate" like the LSTM's input gate.
 * {@link Options#PYTORCH} selects the framework form with one argument.
 *
 * <p>Notation and mapping.
 * <ul>
 *   <li>Ng's course: Γu = {@code z}, Γr = {@code r}, c̃ = {@code hTilde}, c = h.
 *   <li>Kurong (2024): z = {@code z}, r = {@code r}, h' = {@code hTilde}; h^{t-1'} = r ⊙ h_{t-1}.
 *   <li>Kumar (2019): its GRU keeps the LSTM's input gate i_t and forgets with 1 - i_t: i_t = {@code z}
 *       in the default convention.
 *   <li>The Data Driven Investor article "LSTM vs GRU" and PyTorch
 *       {@code nn.GRUCell} (chunks in the order r, z, n; n = {@code hTilde}),
 *       with {@link Options#PYTORCH}: Wxr = W_ir^T, Wxz = W_iz^T, Wxh = W_in^T (the three row blocks
 *       of weight_ih, transposed), Whr = W_hr^T, Whz = W_hz^T, Whh = W_hn^T (of weight_hh),
 *       br = b_ir + b_hr, bz = b_iz + b_hz, bh = b_in, bhh = b_hn. That article's code names the
 *       chunks reset, input, z; its "input_gate" is the update gate z and its "new_gate" is n.
 *   <li>Keras: reset_after=False is BEFORE_PRODUCT, reset_after=True is AFTER_PRODUCT; both weight
 *       the previous state with z.
 * </ul>
 */
public final class GruCell extends BaseCell<GruCell.Buffers> {

    /** Where the reset gate acts on the candidate's hidden term. */
    public enum ResetPlacement {
        /** (r ⊙ h_{t-1}) Whh + bh: Cho et al. 2014, Ng, Kurong 2024. */
        BEFORE_PRODUCT,
        /** r ⊙ (h_{t-1} Whh + bhh), with its own bias bhh: PyTorch, cuDNN. */
        AFTER_PRODUCT
    }

    /** Which term the update gate z multiplies. */
    public enum UpdateWeights {
        /** h = z ⊙ hTilde + (1 - z) ⊙ h_{t-1}: Ng, Kurong 2024. */
        CANDIDATE,
        /** h = z ⊙ h_{t-1} + (1 - z) ⊙ hTilde: PyTorch, Cho et al. 2014. */
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

        /** PyTorch's {@code nn.GRU} / cuDNN: reset after the product, z weighting the old state. */
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

    /**
     * What a pass keeps besides x_t and h_t: the gates z_t, r_t, hTilde_t; hiddenTerm_t, which is
     * r_t ⊙ h_{t-1} (reset before the product) or h_{t-1} Whh + bhh (after); the gradients of the
     * pre-activations daz_t, dar_t, dah_t; with the reset after the product dHidden_t, the gradient
     * of h_{t-1} Whh + bhh; with the reset before it dRh, the gradient of r ⊙ h_{t-1}, which only
     * the step itself needs; and the transposed recurrent weights.
     */
    final class Buffers extends Workspace {
        final Stack z = gate("z");
        final Stack r = gate("r");
        final Stack hTilde = gate("hTilde");
        final Stack hiddenTerm = stack();
        final Stack daz = stack();
        final Stack dar = stack();
        final Stack dah = stack();
        final Stack dHidden = options.reset() == ResetPlacement.AFTER_PRODUCT ? stack() : null;
        final Matrix dRh = options.reset() == ResetPlacement.BEFORE_PRODUCT ? Matrix.zeros(batch, hiddenSize) : null;
        final Transposed whzT = transposed();
        final Transposed whrT = transposed();
        final Transposed whhT = transposed();

        Buffers(int steps, int batch) {
            super(steps, batch, inputSize, hiddenSize, false);
        }
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
    Buffers workspace(int steps, int batch) {
        return new Buffers(steps, batch);
    }

    @Override
    void step(Buffers k, int t) {
        Matrix x = k.x.at(t);
        Matrix hPrev = k.h.at(t - 1);
        Matrix z = k.z.at(t);
        Matrix r = k.r.at(t);
        Matrix hTilde = k.hTilde.at(t);
        Matrix hiddenTerm = k.hiddenTerm.at(t);
        // z = σ(x Wxz + h_{t-1} Whz + bz), r = σ(x Wxr + h_{t-1} Whr + br)
        //   (k.wh*T: each Wh* transposed once per pass, which makes the products faster, not different)
        Ops.sigmoid(Ops.affine(z, x, wxz, hPrev, whz, k.whzT, bz));
        Ops.sigmoid(Ops.affine(r, x, wxr, hPrev, whr, k.whrT, br));
        Matrix pre = hTilde.zeroInPlace().addProductInPlace(x, wxh).addRowInPlace(bh);
        if (options.reset() == ResetPlacement.BEFORE_PRODUCT) {
            // pre = x Wxh + bh + (r ⊙ h_{t-1}) Whh
            Ops.addProduct(pre, hiddenTerm.setToTimesInPlace(r, hPrev), whh, k.whhT);
        } else {
            // pre = x Wxh + bh + r ⊙ (h_{t-1} Whh + bhh)
            pre.addTimesInPlace(r, Ops.addProduct(hiddenTerm.zeroInPlace(), hPrev, whh, k.whhT).addRowInPlace(bhh));
        }
        // hTilde = tanh(pre)
        Ops.tanh(pre);
        if (options.update() == UpdateWeights.CANDIDATE) {
            // h = z ⊙ hTilde + (1 - z) ⊙ h_{t-1}
            Ops.blend(k.h.at(t), z, hTilde, hPrev);
        } else {
            // h = z ⊙ h_{t-1} + (1 - z) ⊙ hTilde
            Ops.blend(k.h.at(t), z, hPrev, hTilde);
        }
    }

    @Override
    void transposeRecurrentWeights(Buffers k) {
        k.whhT.of(whh);
        k.whzT.of(whz);
        k.whrT.of(whr);
    }

    @Override
    void stepBackward(Buffers k, int t, State dNext, State dPrev) {
        Matrix dh = dNext.h();
        Matrix hPrev = k.h.at(t - 1);
        Matrix dhPrev = dPrev.h();
        Matrix z = k.z.at(t);
        Matrix r = k.r.at(t);
        Matrix hTilde = k.hTilde.at(t);
        Matrix dn = k.dah.at(t);
        Matrix dz = k.daz.at(t);
        if (options.update() == UpdateWeights.CANDIDATE) {
            // h = z ⊙ hTilde + (1 - z) ⊙ h_{t-1}:
            //   dhTilde = dh ⊙ z,   dz = dh ⊙ (hTilde - h_{t-1}),   dh_{t-1} = dh ⊙ (1 - z) (+ more below)
            dn.setToTimesInPlace(dh, z);
            dz.copyFromInPlace(hTilde).addScaledInPlace(-1.0, hPrev).timesInPlace(dh);
            Ops.oneMinusTimes(dhPrev, z, dh);
        } else {
            // h = z ⊙ h_{t-1} + (1 - z) ⊙ hTilde:
            //   dhTilde = dh ⊙ (1 - z),   dz = dh ⊙ (h_{t-1} - hTilde),   dh_{t-1} = dh ⊙ z (+ more below)
            Ops.oneMinusTimes(dn, z, dh);
            dz.copyFromInPlace(hPrev).addScaledInPlace(-1.0, hTilde).timesInPlace(dh);
            dhPrev.setToTimesInPlace(dh, z);
        }
        // through hTilde = tanh(pre)
        Ops.tanhBackward(dn, dn, hTilde);
        Matrix dr = k.dar.at(t);
        if (options.reset() == ResetPlacement.BEFORE_PRODUCT) {
            // pre = ... + (r ⊙ h_{t-1}) Whh:   d(r ⊙ h_{t-1}) = dah Whh^T,  dr = that ⊙ h_{t-1},  dh_{t-1} += that ⊙ r
            Matrix dRh = k.dRh.zeroInPlace().addProductInPlace(dn, k.whhT.get(), whh);
            dr.setToTimesInPlace(dRh, hPrev);
            dhPrev.addTimesInPlace(dRh, r);
        } else {
            // pre = ... + r ⊙ (h_{t-1} Whh + bhh):   dHidden = dah ⊙ r,  dr = dah ⊙ (h_{t-1} Whh + bhh),  dh_{t-1} += dHidden Whh^T
            Matrix dHidden = k.dHidden.at(t).setToTimesInPlace(dn, r);
            dr.setToTimesInPlace(dn, k.hiddenTerm.at(t));
            dhPrev.addProductInPlace(dHidden, k.whhT.get(), whh);
        }
        // through the gates' sigmoids, then their pre-activations: + daz Whz^T + dar Whr^T
        Ops.sigmoidBackward(dz, dz, z);
        Ops.sigmoidBackward(dr, dr, r);
        dhPrev.addProductInPlace(dz, k.whzT.get(), whz).addProductInPlace(dr, k.whrT.get(), whr);
    }

    @Override
    void weightGradients(Buffers k, Parameters grads) {
        Matrix xs = k.x.steps();
        Matrix hPrevsT = k.hPrevsT.of(k.h.previous());   // h_{t-1} of every step, transposed once for every gate
        Matrix daz = k.daz.steps();
        Matrix dar = k.dar.steps();
        Matrix dah = k.dah.steps();
        // update gate: dWxz = Σ_t x_t^T daz_t,  dWhz = Σ_t h_{t-1}^T daz_t,  dbz = Σ_t (column sums of daz_t)
        grad(grads, wxz).addTransAProductInPlace(xs, daz);
        grad(grads, whz).addProductInPlace(hPrevsT, daz);
        grad(grads, bz).addColumnSumsInPlace(daz);
        // reset gate: the same with dar
        grad(grads, wxr).addTransAProductInPlace(xs, dar);
        grad(grads, whr).addProductInPlace(hPrevsT, dar);
        grad(grads, br).addColumnSumsInPlace(dar);
        // candidate: dWxh = Σ_t x_t^T dah_t, dbh = Σ_t (column sums of dah_t), and Whh by the reset placement
        grad(grads, wxh).addTransAProductInPlace(xs, dah);
        grad(grads, bh).addColumnSumsInPlace(dah);
        if (options.reset() == ResetPlacement.BEFORE_PRODUCT) {
            // dWhh = Σ_t (r_t ⊙ h_{t-1})^T dah_t
            grad(grads, whh).addTransAProductInPlace(k.hiddenTerm.steps(), dah);
        } else {
            // dWhh = Σ_t h_{t-1}^T dHidden_t, dbhh = Σ_t (column sums of dHidden_t)
            Matrix dHidden = k.dHidden.steps();
            grad(grads, whh).addProductInPlace(hPrevsT, dHidden);
            grad(grads, bhh).addColumnSumsInPlace(dHidden);
        }
    }

    @Override
    void inputGradients(Buffers k, Matrix dX) {
        // dx_t = daz_t Wxz^T + dar_t Wxr^T + dah_t Wxh^T
        dX.addProductInPlace(k.daz.steps(), k.wxT.of(wxz));
        dX.addProductInPlace(k.dar.steps(), k.wxT.of(wxr));
        dX.addProductInPlace(k.dah.steps(), k.wxT.of(wxh));
    }

    @Override
    public String toString() {
        return "GruCell(inputSize=" + inputSize + ", hiddenSize=" + hiddenSize + ", reset=" + options.reset()
                + ", update=" + options.update() + ", parameters=" + parameterCount() + ")";
    }
}

package rnnkit.cells;

import java.util.List;
import java.util.Random;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * The long short-term memory cell (Hochreiter and Schmidhuber 1997, with the forget gate of
 * Gers et al. 2000), in its standard form.
 *
 * <pre>
 *   i_t = σ(x_t Wxi + h_{t-1} Whi + bi)          input gate          (B, H)
 *   f_t = σ(x_t Wxf + h_{t-1} Whf + bf)          forget gate         (B, H)
 *   o_t = σ(x_t Wxo + h_{t-1} Who + bo)          output gate         (B, H)
 *   g_t = tanh(x_t Wxg + h_{t-1} Whg + bg)       candidate c̃         (B, H)
 *   c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t              cell state          (B, H)
 *   h_t = o_t ⊙ tanh(c_t)                        hidden state        (B, H)
 *
 *   x_t (B, X)   Wx* (X, H)   Wh* (H, H)   b* (1, H)
 * </pre>
 *
 * <p>Parameters: {@code Wxi, Whi, bi, Wxf, Whf, bf, Wxo, Who, bo, Wxg, Whg, bg}; 4 H (X + H + 1)
 * in all (3 H (X + H + 1) without a forget gate). The state has two parts, {@code h} and
 * {@code c}. Gates recorded: {@code "i", "f", "o", "g"} ({@code "f"} is all ones without a forget
 * gate).
 *
 * <p>Variants ({@link Options}): no forget gate (mentioned by Kumar (2019): f_t = 1, so c_t = c_{t-1} + i_t ⊙ g_t,
 * the original 1997 cell, and Wxf, Whf, bf do not exist); and an initial forget bias (bf filled
 * with, say, 1.0, so the cell starts out remembering; Gers et al. 2000, Jozefowicz et al. 2015).
 *
 * <p>Notation and mapping.
 * <ul>
 *   <li>Ng's course (retold in Kramer's "GRUs and LSTMs for NLP"):
 *       Γu = {@code i} (Ng calls the input gate the update gate), Γf = {@code f},
 *       Γo = {@code o}, c̃ = {@code g}, a = {@code h}.
 *   <li>Kurong (2024): z^i = {@code i}, z^f = {@code f}, z^o = {@code o}, z = {@code g}; c^t = c, h^t = h.
 *   <li>Kumar (2019): s_t = {@code c}, s̃_t = {@code g}; its selective write, read and forget are the
 *       gates o, i and f. It indexes the output gate one step back: o_{t-1} selects what of s_{t-1}
 *       becomes h_{t-1}, written in words as o_{t-1} ⊙ s_{t-1} with no squashing. The index shift is only a
 *       relabelling (o_{t-1} is this cell's o one step earlier); the missing squashing is not: this
 *       cell writes h_t = o_t ⊙ tanh(c_t). Lesson 04 runs both forms (rnnkit.lessons.gates.BoardLstm).
 *   <li>PyTorch {@code nn.LSTMCell} (chunks in the order i, f, g, o): Wxi = W_ii^T, Wxf = W_if^T,
 *       Wxg = W_ig^T, Wxo = W_io^T (row blocks of weight_ih, transposed), likewise Wh* from weight_hh,
 *       and bi = b_ii + b_hi, bf = b_if + b_hf, bg = b_ig + b_hg, bo = b_io + b_ho.
 * </ul>
 */
public final class LstmCell extends BaseCell<LstmCell.Buffers> {

    /**
     * The LSTM variant.
     *
     * @param forgetGate whether the cell has a forget gate (true in the standard form)
     * @param forgetBias the value every entry of bf starts at (0 by default; must be 0 without a forget gate)
     */
    public record Options(boolean forgetGate, double forgetBias) {

        /** The standard cell: a forget gate whose bias starts at 0. */
        public static final Options STANDARD = new Options(true, 0.0);

        public Options {
            if (!Double.isFinite(forgetBias)) {
                throw new IllegalArgumentException("forgetBias must be finite, got " + forgetBias);
            }
            if (!forgetGate && forgetBias != 0.0) {
                throw new IllegalArgumentException("forgetBias must be 0 without a forget gate, got " + forgetBias);
            }
        }

        /** The cell without a forget gate (f = 1). */
        public static Options noForgetGate() {
            return new Options(false, 0.0);
        }

        /** The standard cell with bf starting at {@code bias} (1.0 is the usual choice). */
        public static Options forgetBias(double bias) {
            return new Options(true, bias);
        }
    }

    /**
     * What a pass keeps besides x_t, h_t and c_t: the gates i_t, f_t, o_t, g_t and tanh(c_t), the
     * gradients of the gates' pre-activations dai_t, daf_t, dao_t, dag_t (summed over the steps at
     * the end), dc, which only the step itself needs, and the transposed recurrent weights. Without
     * a forget gate f is all ones, set once, and daf is not kept (Whf^T is never set).
     */
    final class Buffers extends Workspace {
        final Stack i = gate("i");
        final Stack f = gate("f");
        final Stack o = gate("o");
        final Stack g = gate("g");
        final Stack tanhC = stack();
        final Stack dai = stack();
        final Stack daf = options.forgetGate() ? stack() : null;
        final Stack dao = stack();
        final Stack dag = stack();
        final Matrix dc = Matrix.zeros(batch, hiddenSize);
        final Transposed whiT = transposed();
        final Transposed whfT = transposed();
        final Transposed whoT = transposed();
        final Transposed whgT = transposed();

        Buffers(int steps, int batch) {
            super(steps, batch, inputSize, hiddenSize, true);
            if (!options.forgetGate()) {
                f.steps().addRowInPlace(Matrix.filled(1, hiddenSize, 1.0));   // f = 1, set once
            }
        }
    }

    private final Options options;
    private final Matrix wxi;
    private final Matrix whi;
    private final Matrix bi;
    private final Matrix wxf;
    private final Matrix whf;
    private final Matrix bf;
    private final Matrix wxo;
    private final Matrix who;
    private final Matrix bo;
    private final Matrix wxg;
    private final Matrix whg;
    private final Matrix bg;

    /** The standard LSTM ({@link Options#STANDARD}). */
    public LstmCell(int inputSize, int hiddenSize, long seed) {
        this(inputSize, hiddenSize, seed, Options.STANDARD);
    }

    /** An LSTM variant; weights uniform in ±1/sqrt(H) from {@code new Random(seed)}, biases 0 except bf. */
    public LstmCell(int inputSize, int hiddenSize, long seed, Options options) {
        super(inputSize, hiddenSize);
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
        Random random = new Random(seed);
        // input gate
        wxi = weight("Wxi", inputSize, random);
        whi = weight("Whi", hiddenSize, random);
        bi = bias("bi", 0.0);
        // forget gate
        if (options.forgetGate()) {
            wxf = weight("Wxf", inputSize, random);
            whf = weight("Whf", hiddenSize, random);
            bf = bias("bf", options.forgetBias());
        } else {
            wxf = null;
            whf = null;
            bf = null;
        }
        // output gate
        wxo = weight("Wxo", inputSize, random);
        who = weight("Who", hiddenSize, random);
        bo = bias("bo", 0.0);
        // candidate c̃
        wxg = weight("Wxg", inputSize, random);
        whg = weight("Whg", hiddenSize, random);
        bg = bias("bg", 0.0);
    }

    public Options options() {
        return options;
    }

    @Override
    public List<String> stateNames() {
        return List.of("h", "c");
    }

    @Override
    public List<String> gateNames() {
        return List.of("i", "f", "o", "g");
    }

    @Override
    Buffers workspace(int steps, int batch) {
        return new Buffers(steps, batch);
    }

    @Override
    void step(Buffers k, int t) {
        Matrix x = k.x.at(t);
        Matrix hPrev = k.h.at(t - 1);
        Matrix i = k.i.at(t);
        Matrix f = k.f.at(t);
        Matrix o = k.o.at(t);
        Matrix g = k.g.at(t);
        Matrix tanhC = k.tanhC.at(t);
        // i = σ(x Wxi + h_{t-1} Whi + bi), f = σ(x Wxf + h_{t-1} Whf + bf), o = σ(x Wxo + h_{t-1} Who + bo)
        //   (k.wh*T: each Wh* transposed once per pass, which makes the products faster, not different)
        Ops.sigmoid(Ops.affine(i, x, wxi, hPrev, whi, k.whiT, bi));
        if (options.forgetGate()) {
            Ops.sigmoid(Ops.affine(f, x, wxf, hPrev, whf, k.whfT, bf));
        }
        Ops.sigmoid(Ops.affine(o, x, wxo, hPrev, who, k.whoT, bo));
        // g = c̃ = tanh(x Wxg + h_{t-1} Whg + bg)
        Ops.tanh(Ops.affine(g, x, wxg, hPrev, whg, k.whgT, bg));
        // c_t = f ⊙ c_{t-1} + i ⊙ g
        Matrix c = k.c.at(t).setToTimesInPlace(f, k.c.at(t - 1)).addTimesInPlace(i, g);
        // h_t = o ⊙ tanh(c_t)
        Ops.tanh(tanhC.copyFromInPlace(c));
        k.h.at(t).setToTimesInPlace(o, tanhC);
    }

    @Override
    void transposeRecurrentWeights(Buffers k) {
        k.whiT.of(whi);
        if (options.forgetGate()) {
            k.whfT.of(whf);
        }
        k.whoT.of(who);
        k.whgT.of(whg);
    }

    @Override
    void stepBackward(Buffers k, int t, State dNext, State dPrev) {
        Matrix dh = dNext.h();
        Matrix i = k.i.at(t);
        Matrix f = k.f.at(t);
        Matrix o = k.o.at(t);
        Matrix g = k.g.at(t);
        Matrix tanhC = k.tanhC.at(t);
        Matrix dai = k.dai.at(t);
        Matrix dao = k.dao.at(t);
        Matrix dag = k.dag.at(t);
        // h = o ⊙ tanh(c):
        //   dao = dh ⊙ tanh(c) ⊙ o (1 - o)                 (o's pre-activation, through its sigmoid)
        //   dc  = dh ⊙ o ⊙ (1 - tanh(c)^2) + dc_{t+1}      (plus what flows back from the next step)
        Ops.sigmoidBackward(dao, dao.setToTimesInPlace(dh, tanhC), o);
        Matrix dc = Ops.tanhBackward(k.dc, k.dc.setToTimesInPlace(dh, o), tanhC).addInPlace(dNext.c());
        // c = f ⊙ c_{t-1} + i ⊙ g:
        //   dai = dc ⊙ g ⊙ i (1 - i),   dag = dc ⊙ i ⊙ (1 - g^2),   daf = dc ⊙ c_{t-1} ⊙ f (1 - f)
        //   dc_{t-1} = dc ⊙ f
        Ops.sigmoidBackward(dai, dai.setToTimesInPlace(dc, g), i);
        Ops.tanhBackward(dag, dag.setToTimesInPlace(dc, i), g);
        if (options.forgetGate()) {
            Matrix daf = k.daf.at(t);
            Ops.sigmoidBackward(daf, daf.setToTimesInPlace(dc, k.c.at(t - 1)), f);
        }
        dPrev.c().setToTimesInPlace(dc, f);
        // dh_{t-1} = Σ over the gates of da Wh^T
        Matrix dhPrev = dPrev.h().zeroInPlace();
        dhPrev.addProductInPlace(dai, k.whiT.get(), whi);
        if (options.forgetGate()) {
            dhPrev.addProductInPlace(k.daf.at(t), k.whfT.get(), whf);
        }
        dhPrev.addProductInPlace(dao, k.whoT.get(), who);
        dhPrev.addProductInPlace(dag, k.whgT.get(), whg);
    }

    @Override
    void weightGradients(Buffers k, Parameters grads) {
        Matrix xs = k.x.steps();
        Matrix hPrevsT = k.hPrevsT.of(k.h.previous());   // h_{t-1} of every step, transposed once for every gate
        // each gate a: dWxa = Σ_t x_t^T daa_t,  dWha = Σ_t h_{t-1}^T daa_t,  dba = Σ_t (column sums of daa_t)
        Matrix dai = k.dai.steps();
        grad(grads, wxi).addTransAProductInPlace(xs, dai);
        grad(grads, whi).addProductInPlace(hPrevsT, dai);
        grad(grads, bi).addColumnSumsInPlace(dai);
        if (options.forgetGate()) {
            Matrix daf = k.daf.steps();
            grad(grads, wxf).addTransAProductInPlace(xs, daf);
            grad(grads, whf).addProductInPlace(hPrevsT, daf);
            grad(grads, bf).addColumnSumsInPlace(daf);
        }
        Matrix dao = k.dao.steps();
        grad(grads, wxo).addTransAProductInPlace(xs, dao);
        grad(grads, who).addProductInPlace(hPrevsT, dao);
        grad(grads, bo).addColumnSumsInPlace(dao);
        Matrix dag = k.dag.steps();
        grad(grads, wxg).addTransAProductInPlace(xs, dag);
        grad(grads, whg).addProductInPlace(hPrevsT, dag);
        grad(grads, bg).addColumnSumsInPlace(dag);
    }

    @Override
    void inputGradients(Buffers k, Matrix dX) {
        // dx_t = dai_t Wxi^T + daf_t Wxf^T + dao_t Wxo^T + dag_t Wxg^T
        dX.addProductInPlace(k.dai.steps(), k.wxT.of(wxi));
        if (options.forgetGate()) {
            dX.addProductInPlace(k.daf.steps(), k.wxT.of(wxf));
        }
        dX.addProductInPlace(k.dao.steps(), k.wxT.of(wxo));
        dX.addProductInPlace(k.dag.steps(), k.wxT.of(wxg));
    }

    @Override
    public String toString() {
        return "LstmCell(inputSize=" + inputSize + ", hiddenSize=" + hiddenSize + ", forgetGate=" + options.forgetGate()
                + ", forgetBias=" + options.forgetBias() + ", parameters=" + parameterCount() + ")";
    }
}

package rnnkit.lessons.gates;

import java.util.ArrayList;
import java.util.List;

import rnnkit.cells.LstmCell;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * The LSTM as N. Kumar writes it ("Long Short-Term Memory and Gated Recurrent Units Explained, ELI5
 * Way", Towards Data Science, 2019), run forward with the weights of an {@link LstmCell}. His board
 * is s (the kit's c), and the state handed to the next step is the board gated with no squashing:
 * <pre>
 *   o_{t-1} = σ(x_{t-1} Wxo + h_{t-2} Who + bo)          selective write (output gate), indexed t-1
 *   h_{t-1} = o_{t-1} ⊙ s_{t-1}                          no tanh
 *   s~_t    = tanh(x_t Wxg + h_{t-1} Whg + bg)
 *   i_t     = σ(x_t Wxi + h_{t-1} Whi + bi)               selective read (input gate)
 *   f_t     = σ(x_t Wxf + h_{t-1} Whf + bf)               selective forget
 *   s_t     = f_t ⊙ s_{t-1} + i_t ⊙ s~_t
 * </pre>
 * {@link #articleIndexing} follows these indices literally; {@link #kitIndexing} computes o_t at step t
 * and h_t = o_t ⊙ c_t, the kit's indexing with the tanh left out. Lesson 04 shows that the two give the
 * same numbers (the index is a relabelling) and that both differ from {@link LstmCell}'s
 * h_t = o_t ⊙ tanh(c_t) (the missing squashing is a different model). Forward only: nothing here is
 * trained.
 */
public final class BoardLstm {

    private BoardLstm() {
    }

    /**
     * The article's indices: at step t, first h_{t-1} = o_{t-1} ⊙ s_{t-1} from the gate of the step
     * before, then the gates of step t. The gate of the last step is computed after the loop.
     *
     * @param weights an LSTM with a forget gate, whose parameters are read, not changed
     * @param xs      T inputs of shape (B, X)
     * @param h0      the state h_0 handed to step 1 (B, H)
     * @param s0      the board s_0 (B, H)
     * @return h_1 … h_T, each (B, H)
     */
    public static List<Matrix> articleIndexing(LstmCell weights, List<Matrix> xs, Matrix h0, Matrix s0) {
        Parameters p = weights.parameters();
        List<Matrix> hs = new ArrayList<>();
        Matrix s = s0, hBefore = null, xBefore = null, hPrev = h0;
        for (int t = 1; t <= xs.size(); t++) {
            Matrix x = xs.get(t - 1);
            if (t > 1) {
                Matrix oPrev = sigmoid(affine(p, "o", xBefore, hBefore));     // o_{t-1}, from x_{t-1}, h_{t-2}
                hPrev = oPrev.times(s);                                      // h_{t-1} = o_{t-1} ⊙ s_{t-1}
                hs.add(hPrev);
            }
            Matrix sTilde = tanh(affine(p, "g", x, hPrev));
            Matrix i = sigmoid(affine(p, "i", x, hPrev));
            Matrix f = sigmoid(affine(p, "f", x, hPrev));
            s = f.times(s).plus(i.times(sTilde));                            // s_t
            hBefore = hPrev;
            xBefore = x;
        }
        hs.add(sigmoid(affine(p, "o", xBefore, hBefore)).times(s));          // h_T = o_T ⊙ s_T
        return hs;
    }

    /**
     * The kit's indices without the squashing: all four blocks of step t from x_t and h_{t-1}, then
     * c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t and h_t = o_t ⊙ c_t.
     *
     * @return h_1 … h_T, each (B, H)
     */
    public static List<Matrix> kitIndexing(LstmCell weights, List<Matrix> xs, Matrix h0, Matrix c0) {
        Parameters p = weights.parameters();
        List<Matrix> hs = new ArrayList<>();
        Matrix h = h0, c = c0;
        for (Matrix x : xs) {
            Matrix i = sigmoid(affine(p, "i", x, h)), f = sigmoid(affine(p, "f", x, h));
            Matrix g = tanh(affine(p, "g", x, h)), o = sigmoid(affine(p, "o", x, h));
            c = f.times(c).plus(i.times(g));
            h = o.times(c);
            hs.add(h);
        }
        return hs;
    }

    /** The largest |a_t - b_t| over every step, example and unit. */
    public static double largestDifference(List<Matrix> a, List<Matrix> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("different lengths: " + a.size() + " and " + b.size());
        }
        double worst = 0;
        for (int t = 0; t < a.size(); t++) {
            worst = Math.max(worst, a.get(t).minus(b.get(t)).maxAbs());
        }
        return worst;
    }

    /** The largest |h_t| entry over every step. */
    public static double largestEntry(List<Matrix> hs) {
        return hs.stream().mapToDouble(Matrix::maxAbs).max().orElse(0);
    }

    static Matrix affine(Parameters p, String gate, Matrix x, Matrix h) {
        return x.matmul(p.get("Wx" + gate)).plus(h.matmul(p.get("Wh" + gate))).plusRow(p.get("b" + gate));
    }

    static Matrix sigmoid(Matrix a) {
        return a.map(v -> 1 / (1 + Math.exp(-v)));
    }

    static Matrix tanh(Matrix a) {
        return a.map(Math::tanh);
    }
}

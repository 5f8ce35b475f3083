package rnnkit.lessons.chars;

import java.util.ArrayList;
import java.util.List;

import rnnkit.cells.GruCell;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * The GRU step as the "LSTM vs GRU" article (Data Driven Investor) writes it, the way PyTorch's
 * {@code nn.GRUCell} computes it: one input projection and one hidden projection, each cut into three
 * chunks of H columns, in the order reset, update, new:
 * <pre>
 *   gi = x Wi + bi   (B, 3H)   -> i_r, i_z, i_n
 *   gh = h Wh + bh   (B, 3H)   -> h_r, h_z, h_n
 *   r   = σ(i_r + h_r)         reset gate
 *   z   = σ(i_z + h_z)         update gate (the article calls it "input_gate")
 *   new = tanh(i_n + r ⊙ h_n)  candidate   (the article's "new_gate")
 *   h'  = new + z ⊙ (h - new)
 * </pre>
 * The article names the chunks reset, input and z; the second is the update gate and the third feeds
 * the candidate. Weights act on row vectors as everywhere in the kit (PyTorch's weight_ih is Wi^T).
 */
public final class ChunkedGru {

    /** The stacked weights: Wi (X, 3H), Wh (H, 3H), bi and bh (1, 3H). */
    public record Weights(Matrix wi, Matrix wh, Matrix bi, Matrix bh) {
    }

    /** One step's chunks and gates, for showing them. */
    public record Step(Matrix r, Matrix z, Matrix candidate, Matrix h) {
    }

    private ChunkedGru() {
    }

    /**
     * The stacked weights that make this function compute the same cell as {@code cell}, which must
     * use {@link GruCell.Options#PYTORCH}: Wi = [Wxr | Wxz | Wxh], Wh = [Whr | Whz | Whh],
     * bi = [br | bz | bh], bh = [0 | 0 | bhh] (the kit keeps one bias for r and for z, PyTorch two).
     */
    public static Weights from(GruCell cell) {
        if (!cell.options().equals(GruCell.Options.PYTORCH)) {
            throw new IllegalArgumentException("cell must use GruCell.Options.PYTORCH, got " + cell.options());
        }
        Parameters p = cell.parameters();
        Matrix zeros = Matrix.zeros(1, cell.hiddenSize());
        return new Weights(p.get("Wxr").concatCols(p.get("Wxz")).concatCols(p.get("Wxh")),
                p.get("Whr").concatCols(p.get("Whz")).concatCols(p.get("Whh")),
                p.get("br").concatCols(p.get("bz")).concatCols(p.get("bh")),
                zeros.concatCols(zeros).concatCols(p.get("bhh")));
    }

    /** One step from h: the article's function. */
    public static Step step(Matrix x, Matrix h, Weights w) {
        int hidden = h.cols();
        Matrix gi = x.matmul(w.wi()).plusRow(w.bi());                   // (B, 3H)
        Matrix gh = h.matmul(w.wh()).plusRow(w.bh());                   // (B, 3H)
        Matrix r = sigmoid(gi.sliceCols(0, hidden).plus(gh.sliceCols(0, hidden)));
        Matrix z = sigmoid(gi.sliceCols(hidden, 2 * hidden).plus(gh.sliceCols(hidden, 2 * hidden)));
        Matrix candidate = gi.sliceCols(2 * hidden, 3 * hidden).plus(r.times(gh.sliceCols(2 * hidden, 3 * hidden)))
                .map(Math::tanh);
        Matrix next = candidate.plus(z.times(h.minus(candidate)));      // new + z ⊙ (h - new)
        return new Step(r, z, candidate, next);
    }

    /** The steps over a sequence from h0. */
    public static List<Step> run(List<Matrix> xs, Matrix h0, Weights w) {
        List<Step> out = new ArrayList<>();
        Matrix h = h0;
        for (Matrix x : xs) {
            Step s = step(x, h, w);
            out.add(s);
            h = s.h();
        }
        return out;
    }

    private static Matrix sigmoid(Matrix a) {
        return a.map(v -> 1 / (1 + Math.exp(-v)));
    }
}

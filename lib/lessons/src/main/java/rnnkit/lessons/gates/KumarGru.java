package rnnkit.lessons.gates;

import java.util.ArrayList;
import java.util.List;

import rnnkit.cells.GruCell;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * The GRU as N. Kumar writes it (Towards Data Science, 2019), run forward with the weights of a
 * {@link GruCell}: the LSTM's output gate o moves inside the candidate, the forget gate becomes 1 - i,
 * and there is no separate board:
 * <pre>
 *   o_t  = σ(x_t Wxr + s_{t-1} Whr + br)                  his output gate   = the kit's reset gate r
 *   i_t  = σ(x_t Wxz + s_{t-1} Whz + bz)                  his input gate    = the kit's update gate z
 *   s~_t = tanh(x_t Wxh + (o_t ⊙ s_{t-1}) Whh + bh)
 *   s_t  = (1 - i_t) ⊙ s_{t-1} + i_t ⊙ s~_t               forget = 1 - input
 * </pre>
 * With these names it is {@link GruCell.Options#DEFAULT} exactly (lesson 04 measures it).
 */
public final class KumarGru {

    /** One step's gates and new state, each (B, H). */
    public record Step(Matrix outputGate, Matrix inputGate, Matrix forget, Matrix state) {
    }

    private KumarGru() {
    }

    /**
     * Runs the equations above from s_0.
     *
     * @param weights a GRU whose parameters are read, not changed
     * @param xs      T inputs (B, X)
     * @param s0      the initial state (B, H)
     * @return one {@link Step} per input
     */
    public static List<Step> run(GruCell weights, List<Matrix> xs, Matrix s0) {
        Parameters p = weights.parameters();
        List<Step> steps = new ArrayList<>();
        Matrix s = s0;
        for (Matrix x : xs) {
            Matrix o = BoardLstm.sigmoid(x.matmul(p.get("Wxr")).plus(s.matmul(p.get("Whr"))).plusRow(p.get("br")));
            Matrix i = BoardLstm.sigmoid(x.matmul(p.get("Wxz")).plus(s.matmul(p.get("Whz"))).plusRow(p.get("bz")));
            Matrix sTilde = BoardLstm.tanh(x.matmul(p.get("Wxh")).plus(o.times(s).matmul(p.get("Whh"))).plusRow(p.get("bh")));
            Matrix forget = i.map(v -> 1 - v);
            s = forget.times(s).plus(i.times(sTilde));
            steps.add(new Step(o, i, forget, s));
        }
        return steps;
    }
}

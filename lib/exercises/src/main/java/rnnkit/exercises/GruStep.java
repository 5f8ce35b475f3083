package rnnkit.exercises;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

import static rnnkit.exercises.Fixtures.affine;
import static rnnkit.exercises.Fixtures.oneMinus;
import static rnnkit.exercises.Fixtures.sigmoid;
import static rnnkit.exercises.Fixtures.tanh;

/**
 * The forward values of one GRU step (the library's {@code GruCell} default form), given to exercise 6,
 * whose task is the backward step.
 *
 * <pre>
 *   z      = σ(x Wxz + hPrev Whz + bz)                update gate
 *   r      = σ(x Wxr + hPrev Whr + br)                reset gate
 *   hTilde = tanh(x Wxh + (r ⊙ hPrev) Whh + bh)       candidate
 *   h      = z ⊙ hTilde + (1 - z) ⊙ hPrev
 * </pre>
 */
public record GruStep(Matrix z, Matrix r, Matrix hTilde, Matrix h) {

    /** One step forward from x (B, X) and hPrev (B, H) with the parameters Wxz, Whz, bz, Wxr, Whr, br, Wxh, Whh, bh. */
    public static GruStep forward(Matrix x, Matrix hPrev, Parameters p) {
        Matrix z = sigmoid(affine(x, p.get("Wxz"), hPrev, p.get("Whz"), p.get("bz")));
        Matrix r = sigmoid(affine(x, p.get("Wxr"), hPrev, p.get("Whr"), p.get("br")));
        Matrix hTilde = tanh(affine(x, p.get("Wxh"), r.times(hPrev), p.get("Whh"), p.get("bh")));
        Matrix h = z.times(hTilde).plus(oneMinus(z).times(hPrev));
        return new GruStep(z, r, hTilde, h);
    }
}

package rnnkit.exercises;

import java.util.List;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * Exercise 3: the GRU forward pass, both gates (the library's {@code GruCell} default form).
 *
 * <pre>
 *   z_t      = σ(x_t Wxz + h_{t-1} Whz + bz)                 update gate
 *   r_t      = σ(x_t Wxr + h_{t-1} Whr + br)                 reset gate
 *   hTilde_t = tanh(x_t Wxh + (r_t ⊙ h_{t-1}) Whh + bh)      candidate
 *   h_t      = z_t ⊙ hTilde_t + (1 - z_t) ⊙ h_{t-1}
 * </pre>
 * Parameters by name: Wxz, Whz, bz, Wxr, Whr, br, Wxh, Whh, bh.
 */
public interface GruForward {

    /** One step: h_t from x_t (B, X) and h_{t-1} (B, H). Must not modify its arguments. */
    Matrix step(Matrix x, Matrix hPrev, Parameters p);

    /** The whole sequence from h0: h_1 .. h_T. */
    List<Matrix> forward(List<Matrix> xs, Matrix h0, Parameters p);
}

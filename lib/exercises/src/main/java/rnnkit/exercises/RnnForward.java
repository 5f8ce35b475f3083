package rnnkit.exercises;

import java.util.List;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * Exercise 1: the vanilla RNN forward pass.
 *
 * <pre>
 *   h_t = tanh(x_t Wxh + h_{t-1} Whh + bh)
 *   x_t (B, X)   h_{t-1} (B, H)   Wxh (X, H)   Whh (H, H)   bh (1, H)   h_t (B, H)
 * </pre>
 * Parameters by name: {@code p.get("Wxh")}, {@code p.get("Whh")}, {@code p.get("bh")}.
 */
public interface RnnForward {

    /** One step: h_t from x_t and h_{t-1}. Must not modify its arguments. */
    Matrix step(Matrix x, Matrix hPrev, Parameters p);

    /** The whole sequence from h0: the list h_1 .. h_T (T entries, each (B, H)). */
    List<Matrix> forward(List<Matrix> xs, Matrix h0, Parameters p);
}

package rnnkit.exercises;

import rnnkit.cells.State;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * What exercise 4's backward step returns: the gradient of every parameter under its own name
 * ({@code "Wxi"}, ..., {@code "bg"}), dL/dx_t (B, X), and dL/d(h_{t-1}, c_{t-1}).
 */
public record LstmGradients(Parameters parameters, Matrix dx, State dPrev) {
}

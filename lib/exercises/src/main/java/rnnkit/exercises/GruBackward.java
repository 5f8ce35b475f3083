package rnnkit.exercises;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * Exercise 6: the backward pass of one GRU step. The forward values come from
 * {@link GruStep#forward}; derive the gradients from its four equations.
 */
public interface GruBackward {

    /**
     * @param x     the step's input (B, X)
     * @param hPrev the previous state (B, H)
     * @param p     Wxz, Whz, bz, Wxr, Whr, br, Wxh, Whh, bh
     * @param step  the forward values z, r, hTilde, h of this step (from GruStep.forward)
     * @param dh    dL/dh arriving at the step's output (B, H)
     * @return the gradient of every parameter under its own name, dL/dx (B, X) and dL/dhPrev (B, H)
     */
    GruGradients backward(Matrix x, Matrix hPrev, Parameters p, GruStep step, Matrix dh);
}

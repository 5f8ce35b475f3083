package rnnkit.exercises;

import java.util.List;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * Exercise 2: backpropagation through time for the vanilla RNN.
 *
 * <pre>
 *   forward:   h_t = tanh(a_t),   a_t = x_t Wxh + h_{t-1} Whh + bh,   t = 1..T
 *   given dhs: dL/dh_t from the loss at step t (B, H)
 * </pre>
 * Walk back from t = T to 1; the gradients are yours to derive (the notebook has one hint per term).
 */
public interface RnnBackward {

    /**
     * @param xs  x_1 .. x_T, each (B, X)
     * @param h0  the initial state (B, H)
     * @param hs  h_1 .. h_T from the forward pass, each (B, H)
     * @param dhs dL/dh_1 .. dL/dh_T, each (B, H)
     * @param p   Wxh, Whh, bh
     */
    RnnGradients backward(List<Matrix> xs, Matrix h0, List<Matrix> hs, List<Matrix> dhs, Parameters p);
}

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
 *   backward, t = T..1, with dhNext = 0 at the start:
 *     dh_t  = dhs_t + dhNext                        gradient reaching h_t from both sides
 *     da_t  = dh_t ⊙ (1 - h_t²)                     through the tanh
 *     dWxh += x_t^T da_t     dWhh += h_{t-1}^T da_t     dbh += sum over rows of da_t
 *     dhNext = da_t Whh^T                           what flows on to h_{t-1}
 *   dh0 = dhNext after step 1
 * </pre>
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

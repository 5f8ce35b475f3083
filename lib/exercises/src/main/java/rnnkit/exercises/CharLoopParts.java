package rnnkit.exercises;

import java.util.Random;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * Exercise 5: the two pieces of a character model's loop that the library otherwise does for you.
 *
 * <pre>
 *   clipping:     n = sqrt(Σ over all gradients of Σ entries²);  if n > max, every gradient *= max / n
 *   temperature:  p_k = exp(l_k / T) / Σ_j exp(l_j / T)     (subtract the row's max first, for stability)
 *   sampling:     draw u uniform in [0, 1); return the first k with p_0 + ... + p_k > u
 * </pre>
 */
public interface CharLoopParts {

    /** Rescales the gradients in place so their global norm is at most maxNorm; returns the norm before clipping. */
    double clipGlobalNorm(Parameters grads, double maxNorm);

    /** Row-wise softmax of logits / temperature, (B, V) to (B, V). */
    Matrix softmax(Matrix logits, double temperature);

    /** An index drawn from the distribution in row 0 of probs, using only {@code random}. */
    int sample(Matrix probs, Random random);
}

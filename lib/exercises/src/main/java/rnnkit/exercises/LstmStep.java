package rnnkit.exercises;

import rnnkit.cells.State;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * Exercise 4: one LSTM step, forward and backward (the library's {@code LstmCell}).
 *
 * <pre>
 *   i = σ(x Wxi + hPrev Whi + bi)    f = σ(x Wxf + hPrev Whf + bf)    o = σ(x Wxo + hPrev Who + bo)
 *   g = tanh(x Wxg + hPrev Whg + bg)
 *   c = f ⊙ cPrev + i ⊙ g            h = o ⊙ tanh(c)
 * </pre>
 * Parameters by name: Wxi, Whi, bi, Wxf, Whf, bf, Wxo, Who, bo, Wxg, Whg, bg.
 */
public interface LstmStep {

    /** The next state (h, c) from x (B, X) and prev = (hPrev, cPrev): {@code State.of(h, c)}. */
    State forward(Matrix x, State prev, Parameters p);

    /**
     * The gradients of one step, given dNext = (dL/dh, dL/dc) arriving at its outputs (recompute the
     * forward values you need from x, prev and p).
     */
    LstmGradients backward(Matrix x, State prev, Parameters p, State dNext);
}

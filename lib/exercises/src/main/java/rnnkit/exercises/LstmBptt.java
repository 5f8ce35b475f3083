package rnnkit.exercises;

import java.util.List;

import rnnkit.cells.State;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * Exercise 7: backpropagation through time for the LSTM, over a whole sequence. One step, forward and
 * backward, is given ({@link LstmStep}: the grader passes a correct one; in the notebook you may pass
 * your own from exercise 4): the loops, and what each step hands to the one before, are yours.
 */
public interface LstmBptt {

    /**
     * @param xs      x_1 .. x_T, each (B, X)
     * @param initial (h_0, c_0)
     * @param dhs     dL/dh_1 .. dL/dh_T from the loss at each step, each (B, H)
     * @param p       the twelve parameters Wxi .. bg
     * @param step    one step's forward and backward
     * @return every parameter's gradient summed over the steps, dL/dx_t for each t, and dL/d(h_0, c_0)
     */
    LstmSequenceGradients backward(List<Matrix> xs, State initial, List<Matrix> dhs, Parameters p, LstmStep step);
}

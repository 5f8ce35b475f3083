package rnnkit.params;

import java.util.Map;

import rnnkit.tensor.Matrix;

/**
 * A scalar loss of some named tensors, with its analytic gradient: what {@link GradientCheck}
 * checks. The tensors are live: the check changes one entry, calls {@link #loss()}, and puts the
 * entry back.
 */
public interface Objective {

    /** The tensors to check (parameters, inputs, initial states) by name, in order, live. */
    Map<String, Matrix> tensors();

    /** The loss at the tensors' current values. Must not change any tensor. */
    double loss();

    /** dLoss/dT for every tensor T of {@link #tensors()}, under the same names, by backpropagation. */
    Map<String, Matrix> gradients();
}

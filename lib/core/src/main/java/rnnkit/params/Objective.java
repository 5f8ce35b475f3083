package rnnkit.params;

import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * The tensors of a loss over a sequence, in the order a report lists them: the parameters by
     * name, the inputs {@code x[0]} .. {@code x[T-1]}, then each part of the initial state as
     * {@code h0} (and {@code c0}). Built the same way from the tensors and from their gradients,
     * so both carry the same names.
     */
    static Map<String, Matrix> ofSequence(Parameters parameters, List<Matrix> inputs, Map<String, Matrix> initialState) {
        Map<String, Matrix> tensors = new LinkedHashMap<>(parameters.asMap());
        for (int t = 0; t < inputs.size(); t++) {
            tensors.put("x[" + t + "]", inputs.get(t));
        }
        initialState.forEach((part, m) -> tensors.put(part + "0", m));
        return tensors;
    }
}

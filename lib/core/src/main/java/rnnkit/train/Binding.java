package rnnkit.train;

import java.util.Map;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * The parameters an optimiser updates. An optimiser keeps state per parameter name (velocity,
 * accumulated squares, moments), so it belongs to the first parameters it updates: another model's
 * parameters would silently share that state when the names and shapes match (an RNN and a GRU
 * both have {@code Wxh, Whh, bh}), so they are refused. The gradients are checked against the
 * parameters before anything is changed.
 */
final class Binding {

    private Parameters bound;

    /** Checks one step's arguments for {@code optimizer}; on the first call binds it to {@code params}. */
    void check(Object optimizer, Parameters params, Parameters grads) {
        if (params == null || grads == null) {
            throw new IllegalArgumentException("step needs the parameters and their gradients, got "
                    + (params == null ? "null parameters" : "null gradients"));
        }
        if (bound != null && params != bound) {
            throw new IllegalArgumentException(optimizer + " already updates the parameters of another model " + bound.names()
                    + ", and it keeps state for each parameter, which two models would share and mix."
                    + " Make one optimizer per model, for example a new Optimizer.adam(0.01) for each Trainer");
        }
        if (grads == params) {
            throw new IllegalArgumentException("step was given the parameters as their own gradients;"
                    + " pass the gradients, for example model.gradients(batch, null).gradients()");
        }
        for (Map.Entry<String, Matrix> entry : params.asMap().entrySet()) {
            String name = entry.getKey();
            Matrix w = entry.getValue();
            if (!grads.has(name)) {
                throw new IllegalArgumentException("the gradients have no tensor '" + name + "' (they hold " + grads.names()
                        + "); pass the gradients of the same model whose parameters are updated");
            }
            Matrix dw = grads.get(name);
            if (!dw.sameShape(w)) {
                throw new IllegalArgumentException("the gradient of " + name + " is " + dw.shape() + " but the parameter is "
                        + w.shape() + "; pass the gradients of the same model whose parameters are updated");
            }
        }
        bound = params;
    }
}

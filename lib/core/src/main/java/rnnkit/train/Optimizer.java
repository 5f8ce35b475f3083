package rnnkit.train;

import rnnkit.params.Parameters;

/**
 * Updates parameters from their gradients, in place. An optimiser keeps its per-parameter state
 * (velocity, accumulated squares, moments) by parameter name, so it belongs to one model: the
 * built-in optimisers bind themselves to the parameters of their first step and refuse any other
 * (make one optimiser per model), and each step checks the gradients' names and shapes before
 * changing anything. After an update they call {@link Parameters#markChanged()}, which makes a
 * backward pass over a trace from before the update fail instead of returning wrong gradients.
 */
public interface Optimizer {

    /** Changes every tensor of {@code params} using the gradient of the same name in {@code grads}; grads are not changed. */
    void step(Parameters params, Parameters grads);

    /** Plain SGD: w -= lr dw. */
    static Optimizer sgd(double learningRate) {
        return new Sgd(learningRate, 0.0);
    }

    /** SGD with momentum: v = μ v - lr dw; w += v. */
    static Optimizer sgd(double learningRate, double momentum) {
        return new Sgd(learningRate, momentum);
    }

    /** Adagrad (Duchi et al. 2011), as min-char-rnn uses it: m += dw^2; w -= lr dw / sqrt(m + 1e-8). */
    static Optimizer adagrad(double learningRate) {
        return new Adagrad(learningRate);
    }

    /** Adam (Kingma and Ba 2015) with β1 = 0.9, β2 = 0.999, ε = 1e-8. */
    static Optimizer adam(double learningRate) {
        return new Adam(learningRate, 0.9, 0.999, 1e-8);
    }

    static void requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + value);
        }
    }
}

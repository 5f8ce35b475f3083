package rnnkit.train;

import java.util.HashMap;
import java.util.Map;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * Stochastic gradient descent with optional (heavy-ball) momentum μ:
 * <pre>
 *   v = μ v - lr dw        w = w + v          (μ = 0: w = w - lr dw)
 * </pre>
 */
public final class Sgd implements Optimizer {

    private final double learningRate;
    private final Binding binding = new Binding();
    private final double momentum;
    private final Map<String, Matrix> velocity = new HashMap<>();

    public Sgd(double learningRate, double momentum) {
        Optimizer.requirePositive("learningRate", learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    @Override
    public void step(Parameters params, Parameters grads) {
        binding.check(this, params, grads);
        params.forEach((name, w) -> {
            Matrix dw = grads.get(name);
            if (momentum == 0.0) {
                w.addScaledInPlace(-learningRate, dw);
                return;
            }
            Matrix v = velocity.computeIfAbsent(name, n -> Matrix.zeros(w.rows(), w.cols()));
            v.scaleInPlace(momentum).addScaledInPlace(-learningRate, dw);
            w.addInPlace(v);
        });
        params.markChanged();
    }

    @Override
    public String toString() {
        return "SGD(lr=" + learningRate + ", momentum=" + momentum + ")";
    }
}

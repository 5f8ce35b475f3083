package rnnkit.train;

import java.util.HashMap;
import java.util.Map;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * Adam (Kingma and Ba 2015): running means of the gradient and of its square, corrected for
 * their start at zero.
 * <pre>
 *   m = β1 m + (1 - β1) dw          v = β2 v + (1 - β2) dw ⊙ dw          (step t = 1, 2, ...)
 *   w = w - lr (m / (1 - β1^t)) / (sqrt(v / (1 - β2^t)) + ε)
 * </pre>
 */
public final class Adam implements Optimizer {

    private final double learningRate;
    private final Binding binding = new Binding();
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Map<String, Matrix> m = new HashMap<>();
    private final Map<String, Matrix> v = new HashMap<>();
    private int t;

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        Optimizer.requirePositive("learningRate", learningRate);
        Optimizer.requirePositive("epsilon", epsilon);
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public void step(Parameters params, Parameters grads) {
        binding.check(this, params, grads);
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        params.forEach((name, w) -> {
            Matrix dw = grads.get(name);
            Matrix mm = m.computeIfAbsent(name, n -> Matrix.zeros(w.rows(), w.cols()));
            Matrix vv = v.computeIfAbsent(name, n -> Matrix.zeros(w.rows(), w.cols()));
            for (int i = 0; i < w.rows(); i++) {
                for (int j = 0; j < w.cols(); j++) {
                    double g = dw.get(i, j);
                    double mk = beta1 * mm.get(i, j) + (1 - beta1) * g;
                    double vk = beta2 * vv.get(i, j) + (1 - beta2) * g * g;
                    mm.set(i, j, mk);
                    vv.set(i, j, vk);
                    w.set(i, j, w.get(i, j) - learningRate * (mk / c1) / (Math.sqrt(vk / c2) + epsilon));
                }
            }
        });
        params.markChanged();
    }

    @Override
    public String toString() {
        return "Adam(lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + epsilon + ")";
    }
}

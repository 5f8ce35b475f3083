package rnnkit.train;

import java.util.HashMap;
import java.util.Map;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * Adagrad (Duchi, Hazan and Singer 2011), the optimiser of min-char-rnn: each entry's step is
 * divided by the root of the sum of its squared gradients so far.
 * <pre>
 *   m = m + dw ⊙ dw        w = w - lr dw / sqrt(m + 1e-8)
 * </pre>
 */
public final class Adagrad implements Optimizer {

    private final double learningRate;
    private final Binding binding = new Binding();
    private final Map<String, Matrix> memory = new HashMap<>();

    public Adagrad(double learningRate) {
        Optimizer.requirePositive("learningRate", learningRate);
        this.learningRate = learningRate;
    }

    @Override
    public void step(Parameters params, Parameters grads) {
        binding.check(this, params, grads);
        params.forEach((name, w) -> {
            Matrix dw = grads.get(name);
            Matrix m = memory.computeIfAbsent(name, n -> Matrix.zeros(w.rows(), w.cols()));
            for (int i = 0; i < w.rows(); i++) {
                for (int j = 0; j < w.cols(); j++) {
                    double g = dw.get(i, j);
                    double acc = m.get(i, j) + g * g;
                    m.set(i, j, acc);
                    w.set(i, j, w.get(i, j) - learningRate * g / Math.sqrt(acc + 1e-8));
                }
            }
        });
        params.markChanged();
    }

    @Override
    public String toString() {
        return "Adagrad(lr=" + learningRate + ")";
    }
}

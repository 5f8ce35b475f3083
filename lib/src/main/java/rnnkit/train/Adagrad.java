package rnnkit.train;

import java.util.HashMap;
import java.util.Map;

import rnnkit.grad.Parameters;
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
    private final Map<String, Matrix> memory = new HashMap<>();

    public Adagrad(double learningRate) {
        Optimizer.requirePositive("learningRate", learningRate);
        this.learningRate = learningRate;
    }

    @Override
    public void step(Parameters params, Parameters grads) {
        params.forEach((name, w) -> {
            Matrix dw = grads.get(name);
            Matrix m = memory.computeIfAbsent(name, n -> Matrix.zeros(w.rows(), w.cols()));
            for (int k = 0; k < w.size(); k++) {
                double g = dw.getFlat(k);
                double acc = m.getFlat(k) + g * g;
                m.setFlat(k, acc);
                w.setFlat(k, w.getFlat(k) - learningRate * g / Math.sqrt(acc + 1e-8));
            }
        });
    }

    @Override
    public String toString() {
        return "Adagrad(lr=" + learningRate + ")";
    }
}

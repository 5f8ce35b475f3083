package rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import rnnkit.Tolerances;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

@DisplayName("optimisers and clipping")
class OptimizerTest {

    private static Parameters one(String name, double value) {
        Parameters p = new Parameters();
        p.add(name, Matrix.row(value));
        return p;
    }

    @Test
    @DisplayName("SGD: w = 1 - 0.1 * 2 = 0.8")
    void sgd() {
        Parameters w = one("w", 1.0);
        Optimizer.sgd(0.1).step(w, one("w", 2.0));
        assertEquals(0.8, w.get("w").get(0, 0), Tolerances.VALUE);
    }

    @Test
    @DisplayName("SGD with momentum 0.9: v = -0.2, w = 0.8; then v = 0.9(-0.2) - 0.2 = -0.38, w = 0.42")
    void momentum() {
        Parameters w = one("w", 1.0);
        Optimizer opt = Optimizer.sgd(0.1, 0.9);
        opt.step(w, one("w", 2.0));
        assertEquals(0.8, w.get("w").get(0, 0), Tolerances.VALUE);
        opt.step(w, one("w", 2.0));
        assertEquals(0.42, w.get("w").get(0, 0), Tolerances.VALUE);
    }

    @Test
    @DisplayName("Adagrad: m = 4, w = 1 - 0.1 * 2 / sqrt(4 + 1e-8)")
    void adagrad() {
        Parameters w = one("w", 1.0);
        Optimizer.adagrad(0.1).step(w, one("w", 2.0));
        assertEquals(1 - 0.2 / Math.sqrt(4 + 1e-8), w.get("w").get(0, 0), Tolerances.VALUE);
    }

    @Test
    @DisplayName("Adam: the first step moves by lr against the gradient's sign")
    void adam() {
        Parameters w = one("w", 1.0);
        Optimizer.adam(0.01).step(w, one("w", 2.0));
        // m̂ = 2, v̂ = 4: w = 1 - 0.01 * 2 / (2 + 1e-8)
        assertEquals(1 - 0.01 * 2 / (2 + 1e-8), w.get("w").get(0, 0), Tolerances.VALUE);
    }

    @Test
    @DisplayName("a bad learning rate is refused, naming the value")
    void refusesBadRate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(-1));
        assertTrue(e.getMessage().contains("learningRate") && e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    @DisplayName("clipping by global norm scales every tensor; by value clamps each entry")
    void clipping() {
        Parameters g = new Parameters();
        g.add("a", Matrix.row(3.0));
        g.add("b", Matrix.row(4.0));
        Clipping.globalNorm(1.0).apply(g);
        assertEquals(1.0, g.globalNorm(), Tolerances.VALUE);
        assertEquals(0.6, g.get("a").get(0, 0), Tolerances.VALUE);
        Parameters h = new Parameters();
        h.add("a", Matrix.row(-7, 2, 9));
        Clipping.value(5).apply(h);
        assertEquals(Matrix.row(-5, 2, 5), h.get("a"));
        Parameters small = one("a", 0.5);
        Clipping.globalNorm(1.0).apply(small);
        assertEquals(0.5, small.get("a").get(0, 0));
    }
}

package rnnkit.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import rnnkit.params.Objective;
import rnnkit.tensor.Matrix;
import tech.tablesaw.api.Table;

@DisplayName("GradientCheck")
class GradientCheckTest {

    /** L = Σ w³ + 2 Σ u, and a tensor the loss does not use; the gradient of w can be broken at one entry. */
    static final class Cubes implements Objective {
        final Map<String, Matrix> tensors = new LinkedHashMap<>();
        final int brokenEntry;

        Cubes(int rows, int cols, int brokenEntry) {
            Random r = new Random(3);
            tensors.put("w", Matrix.gaussian(rows, cols, 1.0, r));
            tensors.put("u", Matrix.gaussian(2, 2, 1.0, r));
            tensors.put("unused", Matrix.gaussian(1, 3, 1.0, r));
            this.brokenEntry = brokenEntry;
        }

        @Override
        public Map<String, Matrix> tensors() {
            return tensors;
        }

        @Override
        public double loss() {
            double s = 0;
            Matrix w = tensors.get("w");
            for (int k = 0; k < w.size(); k++) {
                s += Math.pow(w.getFlat(k), 3);
            }
            return s + 2.0 * tensors.get("u").sum();
        }

        @Override
        public Map<String, Matrix> gradients() {
            Map<String, Matrix> g = new LinkedHashMap<>();
            Matrix dw = tensors.get("w").map(v -> 3 * v * v);
            if (brokenEntry >= 0) {
                dw.setFlat(brokenEntry, dw.getFlat(brokenEntry) * 1.001);
            }
            g.put("w", dw);
            g.put("u", Matrix.filled(2, 2, 2.0));
            g.put("unused", Matrix.zeros(1, 3));
            return g;
        }
    }

    @Test
    @DisplayName("passes a correct gradient, including exact zeros")
    void passesCorrectGradient() {
        GradientCheckReport r = GradientCheck.standard().check(new Cubes(3, 4, -1));
        assertTrue(r.passed(), r::toString);
        assertEquals(0.0, r.row("unused").maxRelError());
        assertEquals(1e-7, r.threshold());
    }

    @Test
    @DisplayName("fails a wrong gradient and names the worst entry with both values")
    void failsWrongGradient() {
        GradientCheckReport r = GradientCheck.standard().check(new Cubes(3, 4, 6)); // entry (1, 2)
        assertFalse(r.passed());
        GradientCheckReport.Row worst = r.worst();
        assertEquals("w", worst.tensor());
        assertEquals("(1, 2)", worst.worstEntry());
        assertEquals(worst.numeric() * 1.001, worst.analytic(), 1e-9);
        assertTrue(r.toString().contains("FAILED") && r.toString().contains("w(1, 2)"), r.toString());
        assertTrue(r.row("u").passed());
    }

    @Test
    @DisplayName("reports a table with one row per tensor")
    void table() {
        Table t = GradientCheck.standard().check(new Cubes(2, 2, -1)).table();
        assertEquals(List.of("tensor", "entries", "checked", "max_rel_error", "worst_entry", "analytic", "numeric", "passed"),
                t.columnNames());
        assertEquals(3, t.rowCount());
        assertEquals("w", t.stringColumn("tensor").get(0));
    }

    @Test
    @DisplayName("samples large tensors with a seed, and the same seed samples the same entries")
    void samplesLargeTensors() {
        Cubes big = new Cubes(20, 30, -1);
        GradientCheckReport a = GradientCheck.standard().maxEntries(50).seed(4).check(big);
        GradientCheckReport b = GradientCheck.standard().maxEntries(50).seed(4).check(big);
        assertEquals(600, a.row("w").entries());
        assertEquals(50, a.row("w").checked());
        assertEquals(4, a.row("u").checked());
        assertEquals(a.rows(), b.rows());
    }

    @Test
    @DisplayName("leaves every tensor bit-identical")
    void leavesTensorsAlone() {
        Cubes c = new Cubes(3, 3, 2);
        Map<String, Matrix> before = new LinkedHashMap<>();
        c.tensors().forEach((n, m) -> before.put(n, m.copy()));
        GradientCheck.standard().check(c);
        assertEquals(before, c.tensors());
    }

    @Test
    @DisplayName("relative error is |a - n| / max(|a| + |n|, tiny)")
    void relativeError() {
        assertEquals(0.5 / 2.5, GradientCheck.relativeError(1.0, 1.5), 1e-15);
        assertEquals(0.0, GradientCheck.relativeError(0.0, 0.0));
    }
}

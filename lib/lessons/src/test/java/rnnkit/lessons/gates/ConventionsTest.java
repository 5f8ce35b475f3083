package rnnkit.lessons.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.cells.SimpleGruCell;
import rnnkit.tensor.Matrix;

@DisplayName("Conventions")
class ConventionsTest {

    private static List<Matrix> inputs(int steps, int batch, int x, long seed) {
        Random r = new Random(seed);
        List<Matrix> xs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            xs.add(Matrix.gaussian(batch, x, 1.0, r));
        }
        return xs;
    }

    @Test
    @DisplayName("copying and negating the update gate turns the Cho form into the default form exactly")
    void updateConventionsAreOneFamily() {
        GruCell standard = new GruCell(3, 5, 1);
        GruCell cho = Conventions.copyShared(standard, new GruCell(3, 5, 2, GruCell.Options.CHO_2014));
        List<Matrix> xs = inputs(6, 2, 3, 9);
        double before = max(Conventions.stepDifferences(standard.forward(xs), cho.forward(xs)));
        Conventions.negate(cho, "Wxz", "Whz", "bz");
        double after = max(Conventions.stepDifferences(standard.forward(xs), cho.forward(xs)));
        assertTrue(before > 1e-2, "different before negation: " + before);
        assertTrue(after < 1e-14, "identical after negation: " + after);
    }

    @Test
    @DisplayName("reset placements agree on the first step from h0 = 0 only")
    void resetPlacementsDiffer() {
        GruCell before = new GruCell(3, 5, 1);
        GruCell after = Conventions.copyShared(before,
                new GruCell(3, 5, 2, GruCell.Options.DEFAULT.with(GruCell.ResetPlacement.AFTER_PRODUCT)));
        assertEquals(0.0, after.parameters().get("bhh").maxAbs());
        double[] d = Conventions.stepDifferences(before.forward(inputs(5, 2, 3, 4)), after.forward(inputs(5, 2, 3, 4)));
        assertEquals(0.0, d[0]);
        assertTrue(d[1] > 1e-4, "differs at step 2: " + d[1]);
    }

    @Test
    @DisplayName("a GRU whose reset gate is held open is the simplified GRU")
    void simpleGruInsideFull() {
        SimpleGruCell simple = new SimpleGruCell(3, 4, 5);
        GruCell full = Conventions.copyShared(simple, new GruCell(3, 4, 6));
        Conventions.fill(full, "Wxr", 0.0);
        Conventions.fill(full, "Whr", 0.0);
        Conventions.fill(full, "br", 40.0); // r = σ(40) = 1 - 4e-18
        List<Matrix> xs = inputs(7, 2, 3, 8);
        assertTrue(max(Conventions.stepDifferences(simple.forward(xs), full.forward(xs))) < 1e-15);
    }

    @Test
    @DisplayName("refuses shared names with different shapes, and traces of different lengths")
    void badArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Conventions.copyShared(new GruCell(3, 4, 1), new GruCell(2, 4, 1)));
        assertTrue(e.getMessage().contains("Wxz"), e.getMessage());
        LstmCell lstm = new LstmCell(2, 3, 1);
        assertThrows(IllegalArgumentException.class,
                () -> Conventions.stepDifferences(lstm.forward(inputs(2, 1, 2, 1)), lstm.forward(inputs(3, 1, 2, 1))));
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}

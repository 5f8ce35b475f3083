package rnnkit.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import rnnkit.cells.LstmCell;
import rnnkit.cells.Trace;
import rnnkit.tensor.Matrix;

@DisplayName("UnitFinder")
class UnitFinderTest {

    @Test
    @DisplayName("correlation is 1 for a line, -1 for a falling line, 0 for a constant")
    void correlation() {
        double[] a = {1, 2, 3, 4};
        assertEquals(1.0, UnitFinder.correlation(a, new double[] {3, 5, 7, 9}), 1e-12);
        assertEquals(-1.0, UnitFinder.correlation(a, new double[] {4, 3, 2, 1}), 1e-12);
        assertEquals(0.0, UnitFinder.correlation(a, new double[] {2, 2, 2, 2}));
        // hand-computed: a = (1, 2, 3), b = (1, 3, 2): r = 0.5
        assertEquals(0.5, UnitFinder.correlation(new double[] {1, 2, 3}, new double[] {1, 3, 2}), 1e-12);
    }

    @Test
    @DisplayName("bestCorrelated finds the planted unit among noise, with its sign")
    void planted() {
        Random random = new Random(3);
        int steps = 200;
        double[] signal = new double[steps];
        Matrix acts = Matrix.zeros(steps, 10);
        for (int t = 0; t < steps; t++) {
            signal[t] = Math.sin(t / 10.0);
            for (int j = 0; j < 10; j++) {
                acts.set(t, j, random.nextGaussian());
            }
            acts.set(t, 6, -2 * signal[t] + 0.1 * random.nextGaussian());
        }
        UnitFinder.Found f = UnitFinder.bestCorrelated(acts, signal);
        assertEquals(6, f.unit());
        assertEquals(-1.0, f.correlation(), 0.02);
    }

    @Test
    @DisplayName("mostSeparating finds the unit that differs between two groups")
    void separating() {
        Matrix last = Matrix.of(new double[][] {{0.1, 0.9, 0.3}, {0.2, -0.8, 0.3}, {0.0, 0.7, 0.2}, {0.1, -0.9, 0.25}});
        UnitFinder.Found f = UnitFinder.mostSeparating(last, new int[] {1, 0, 1, 0});
        assertEquals(1, f.unit());
        assertThrows(IllegalArgumentException.class, () -> UnitFinder.mostSeparating(last, new int[] {1, 0, 2, 0}));
    }

    @Test
    @DisplayName("stateOverTime reads one example's h or c after every step")
    void stateOverTime() {
        LstmCell cell = new LstmCell(2, 3, 1);
        List<Matrix> xs = new ArrayList<>();
        Random random = new Random(2);
        for (int t = 0; t < 4; t++) {
            xs.add(Matrix.gaussian(2, 2, 1.0, random));
        }
        Trace trace = cell.forward(xs);
        Matrix c = UnitFinder.stateOverTime(trace, "c", 1);
        assertEquals(4, c.rows());
        assertEquals(3, c.cols());
        assertEquals(trace.state(3).c().get(1, 2), c.get(2, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> UnitFinder.stateOverTime(trace, "z", 0));
        assertEquals(true, e.getMessage().contains("'z'"));
    }

    @Test
    @DisplayName("refuses arrays of different lengths, naming both")
    void lengths() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> UnitFinder.correlation(new double[] {1, 2, 3}, new double[] {1, 2}));
        assertEquals(true, e.getMessage().contains("3 and 2"), e.getMessage());
    }
}

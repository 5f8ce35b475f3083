package rnnkit.lessons.basics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

@DisplayName("FiniteDifferences")
class FiniteDifferencesTest {

    final DoubleUnaryOperator cube = x -> x * x * x;   // f' = 3x², f'' = 6x, f''' = 6

    @Test
    @DisplayName("the one-sided difference of x³ is off by exactly 3xε + ε² (its truncation error)")
    void oneSided() {
        assertEquals(3 * 4 + 3 * 2 * 0.5 + 0.25, FiniteDifferences.oneSided(cube, 2, 0.5), 1e-12);
    }

    @Test
    @DisplayName("the centered difference of x³ is off by exactly ε² (odd terms cancel)")
    void centered() {
        assertEquals(3 * 4 + 0.25, FiniteDifferences.centered(cube, 2, 0.5), 1e-12);
    }

    @Test
    @DisplayName("the fourth-order difference is exact for a cubic")
    void fourthOrder() {
        assertEquals(12.0, FiniteDifferences.fourthOrder(cube, 2, 0.5), 1e-12);
    }

    @Test
    @DisplayName("on tanh, shrinking ε tenfold shrinks the error about 10x one-sided and 100x centered")
    void orders() {
        Table t = FiniteDifferences.errors(Math::tanh, 1 - Math.pow(Math.tanh(0.7), 2), 0.7, 1e-2, 1e-3);
        double one = t.doubleColumn("one_sided").get(0) / t.doubleColumn("one_sided").get(1);
        double two = t.doubleColumn("centered").get(0) / t.doubleColumn("centered").get(1);
        assertTrue(one > 8 && one < 12, "one-sided ratio " + one);
        assertTrue(two > 80 && two < 120, "centered ratio " + two);
    }

    @Test
    @DisplayName("logSpaced runs from 10^from down to 10^to, perDecade steps per decade")
    void logSpaced() {
        assertArrayEquals(new double[] {1e-1, Math.pow(10, -1.5), 1e-2, Math.pow(10, -2.5), 1e-3},
                FiniteDifferences.logSpaced(-1, -3, 2), 1e-20);
        assertArrayEquals(new double[] {1e-1, 1e-2}, FiniteDifferences.logSpaced(-1, -2, 1), 1e-20);
        assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.logSpaced(-3, -1, 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.logSpaced(-1, -3, 0)).getMessage()
                .contains("perDecade"));
    }

    @Test
    @DisplayName("rejects a step that is not a positive number")
    void badStep() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.centered(cube, 1, 0)).getMessage()
                .contains("eps"));
        assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.oneSided(cube, 1, Double.NaN));
    }
}

package rnnkit.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The entry-wise functions agree with java.lang.Math and with their definitions")
class EntryWiseTest {

    /** The difference in units in the last place of the expected value. */
    private static double ulps(double expected, double actual) {
        return Math.abs(expected - actual) / Math.ulp(expected);
    }

    @Test
    @DisplayName("tanh is within 16 ulps of Math.tanh from 1e-300 to 800, on both sides of the switch at 0.1")
    void tanhMatchesMath() {
        Random random = new Random(1);
        double worst = 0;
        for (int k = 0; k < 200_000; k++) {
            double x = Math.pow(10, -8 + 11 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
            worst = Math.max(worst, ulps(Math.tanh(x), EntryWise.tanh(x)));
        }
        for (double x : new double[] {1e-300, 1e-20, 0.0999999999, 0.1, 0.1000000001, 0.5, 1, 5, 19, 22, 40, 354, 800}) {
            worst = Math.max(worst, ulps(Math.tanh(x), EntryWise.tanh(x)));
            worst = Math.max(worst, ulps(Math.tanh(-x), EntryWise.tanh(-x)));
        }
        assertTrue(worst <= 16, "largest difference " + worst + " ulps");
        assertEquals(0.0, EntryWise.tanh(0.0));
        assertEquals(-0.0, EntryWise.tanh(-0.0));
        assertTrue(Double.isNaN(EntryWise.tanh(Double.NaN)));
        assertEquals(1.0, EntryWise.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, EntryWise.tanh(Double.NEGATIVE_INFINITY));
    }

    @Test
    @DisplayName("sigmoid is bit for bit the two-sided formula, and finite at the extremes")
    void sigmoidMatchesFormula() {
        Random random = new Random(2);
        for (int k = 0; k < 100_000; k++) {
            double a = 60 * random.nextGaussian();
            double expected = a >= 0 ? 1.0 / (1.0 + Math.exp(-a)) : Math.exp(a) / (1.0 + Math.exp(a));
            assertEquals(expected, EntryWise.sigmoid(a), "at " + a);
        }
        assertEquals(1.0, EntryWise.sigmoid(1000));
        assertEquals(0.0, EntryWise.sigmoid(-1000));
        assertEquals(0.5, EntryWise.sigmoid(0));
    }

    @Test
    @DisplayName("the matrix forms apply the functions entry by entry and check shapes")
    void matrixForms() {
        Random random = new Random(3);
        Matrix a = Matrix.gaussian(3, 5, 2, random);
        Matrix dy = Matrix.gaussian(3, 5, 1, random);
        Matrix z = Matrix.uniform(3, 5, 1, random);
        Matrix s = EntryWise.sigmoidInPlace(a.copy());
        Matrix t = EntryWise.tanhInPlace(a.copy());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(EntryWise.sigmoid(a.get(i, j)), s.get(i, j));
                assertEquals(EntryWise.tanh(a.get(i, j)), t.get(i, j));
            }
        }
        assertEquals(dy.times(s).times(s.scale(-1).plus(Matrix.filled(3, 5, 1))),
                EntryWise.sigmoidBackward(Matrix.zeros(3, 5), dy, s));
        assertEquals(dy.times(Matrix.filled(3, 5, 1).minus(t.times(t))), EntryWise.tanhBackward(Matrix.zeros(3, 5), dy, t));
        Matrix oneMinusZ = Matrix.filled(3, 5, 1).minus(z);
        assertEquals(oneMinusZ.times(a), EntryWise.oneMinusTimes(Matrix.zeros(3, 5), z, a));
        assertEquals(z.times(a).plus(oneMinusZ.times(dy)), EntryWise.blend(Matrix.zeros(3, 5), z, a, dy));
        assertThrows(IllegalArgumentException.class, () -> EntryWise.tanhBackward(Matrix.zeros(3, 5), dy, Matrix.zeros(5, 3)));
    }
}

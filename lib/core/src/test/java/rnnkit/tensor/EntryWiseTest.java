package rnnkit.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The entry-wise functions agree bit for bit with their definitions")
class EntryWiseTest {

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
                assertEquals(Math.tanh(a.get(i, j)), t.get(i, j));
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

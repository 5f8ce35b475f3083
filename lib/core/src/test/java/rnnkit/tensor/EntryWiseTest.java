package rnnkit.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The entry-wise functions: close to java.lang.Math, the same bits in vectors as one at a time")
class EntryWiseTest {

    /** The distance from expected to actual in units in the last place of expected. */
    private static double ulps(double expected, double actual) {
        return Math.abs(expected - actual) / Math.ulp(expected);
    }

    /** Arguments over the whole range that matters: tiny, around 0.35 (where k changes), around 1, large. */
    private static double[] arguments(long seed, int count) {
        Random random = new Random(seed);
        double[] x = new double[count];
        for (int k = 0; k < count; k++) {
            double magnitude = Math.pow(10, -8 + 11 * random.nextDouble());   // 1e-8 .. 1e3
            x[k] = random.nextBoolean() ? magnitude : -magnitude;
        }
        return x;
    }

    @Test
    @DisplayName("tanh is within 3 ulps of Math.tanh from 1e-8 to 1e3 on both sides, and exact at the special values")
    void tanhMatchesMath() {
        double worst = 0;
        for (double x : arguments(1, 200_000)) {
            worst = Math.max(worst, ulps(Math.tanh(x), EntryWise.tanh(x)));
        }
        assertTrue(worst <= 3, "worst difference " + worst + " ulps");
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(EntryWise.tanh(0.0)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(EntryWise.tanh(-0.0)));
        assertEquals(1e-300, EntryWise.tanh(1e-300));
        assertEquals(Double.MIN_VALUE, EntryWise.tanh(Double.MIN_VALUE));
        assertEquals(1.0, EntryWise.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, EntryWise.tanh(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, EntryWise.tanh(25.0));
        assertEquals(-1.0, EntryWise.tanh(-1e308));
        assertTrue(Double.isNaN(EntryWise.tanh(Double.NaN)));
    }

    @Test
    @DisplayName("sigmoid is within 3 ulps of the two-sided formula on Math.exp, and finite at the extremes")
    void sigmoidMatchesFormula() {
        double worst = 0;
        for (double a : arguments(2, 200_000)) {
            double expected = a >= 0 ? 1.0 / (1.0 + Math.exp(-a)) : Math.exp(a) / (1.0 + Math.exp(a));
            if (expected > 1e-300) {   // below e^-690 the clamp at -708 keeps σ at 4e-308 instead of smaller
                worst = Math.max(worst, ulps(expected, EntryWise.sigmoid(a)));
            }
        }
        assertTrue(worst <= 3, "worst difference " + worst + " ulps");
        assertEquals(1.0, EntryWise.sigmoid(1000));
        assertTrue(EntryWise.sigmoid(-1000) >= 0 && EntryWise.sigmoid(-1000) < 1e-307);
        assertEquals(0.5, EntryWise.sigmoid(0));
        assertEquals(0.5, EntryWise.sigmoid(-0.0));
        assertEquals(1.0, EntryWise.sigmoid(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(EntryWise.sigmoid(Double.NaN)));
    }

    @Test
    @DisplayName("the vector forms give the scalar functions' bits, in every lane and in the tail")
    void vectorFormsGiveTheSameBits() {
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300,
            -Double.MIN_VALUE, 20.0, -20.0, 40.0, 700.0, -708.5, 0.3465, -0.3466, 1e308};
        double[] random = arguments(3, 4000);
        for (int n = 1; n <= 41; n++) {
            double[] x = new double[n];
            for (int j = 0; j < n; j++) {
                x[j] = (n + j) % 3 == 0 ? special[(n + j) % special.length] : random[(37 * n + j) % random.length];
            }
            double[] t = x.clone();
            double[] s = x.clone();
            VectorEntryWise.tanh(t, n);
            VectorEntryWise.sigmoid(s, n);
            for (int j = 0; j < n; j++) {
                assertEquals(Double.doubleToLongBits(EntryWise.tanh(x[j])), Double.doubleToLongBits(t[j]),
                        "tanh(" + x[j] + ") at " + j + " of " + n);
                assertEquals(Double.doubleToLongBits(EntryWise.sigmoid(x[j])), Double.doubleToLongBits(s[j]),
                        "sigmoid(" + x[j] + ") at " + j + " of " + n);
            }
        }
        for (int k = 0; k + 64 <= random.length; k += 64) {
            double[] t = java.util.Arrays.copyOfRange(random, k, k + 64);
            VectorEntryWise.tanh(t, 64);
            for (int j = 0; j < 64; j++) {
                assertEquals(Double.doubleToLongBits(EntryWise.tanh(random[k + j])), Double.doubleToLongBits(t[j]));
            }
        }
    }

    @Test
    @DisplayName("a matrix large enough for the vector form gives the same bits as a small one entry by entry")
    void largeAndSmallMatricesAgree() {
        Matrix big = Matrix.gaussian(32, 96, 3, new Random(4));
        assertTrue((long) big.rows() * big.cols() >= EntryWise.VECTOR_MIN_ENTRIES);
        Matrix t = EntryWise.tanhInPlace(big.copy());
        Matrix s = EntryWise.sigmoidInPlace(big.copy());
        for (int i = 0; i < big.rows(); i++) {
            for (int j = 0; j < big.cols(); j++) {
                assertEquals(EntryWise.tanh(big.get(i, j)), t.get(i, j));
                assertEquals(EntryWise.sigmoid(big.get(i, j)), s.get(i, j));
            }
        }
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

    @Test
    @DisplayName("expShifted gives e^(x - max) entry by entry and their sum in column order, vectors and tail alike")
    void expShiftedIsTheSoftmaxNumerators() {
        Random random = new Random(5);
        for (int n : new int[] {1, 7, 8, 9, 65, 200}) {
            Matrix logits = Matrix.gaussian(3, n, 30, random);
            Matrix out = Matrix.zeros(3, n);
            for (int row = 0; row < 3; row++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    max = Math.max(max, logits.get(row, k));
                }
                double sum = EntryWise.expShifted(out, logits, row, max);
                double expectedSum = 0;
                for (int k = 0; k < n; k++) {
                    double u = Math.max(logits.get(row, k) - max, EntryWise.EXP_CLAMP);
                    assertEquals(EntryWise.exp(u), out.get(row, k), "n = " + n + ", column " + k);
                    assertTrue(ulps(Math.exp(u), out.get(row, k)) <= 3, "close to Math.exp at " + u);
                    expectedSum += out.get(row, k);
                }
                assertEquals(expectedSum, sum);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> EntryWise.expShifted(Matrix.zeros(2, 3), Matrix.zeros(3, 2), 0, 0));
    }

    @Test
    @DisplayName("firstNonFinite finds the first NaN or infinity in wide rows (the vector path) and narrow ones")
    void firstNonFiniteFindsTheFirst() {
        for (int cols : new int[] {5, 64, 67, 130}) {
            Matrix m = Matrix.gaussian(4, cols, 1, new Random(cols));
            assertEquals(-1, m.firstNonFinite());
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                for (int at : new int[] {0, cols - 1, 2 * cols + cols / 2, 4 * cols - 1}) {
                    Matrix copy = m.copy();
                    copy.set(at / cols, at % cols, bad);
                    copy.set(3, cols - 1, Double.NaN);   // a later one must not be reported first
                    assertEquals(at, copy.firstNonFinite(), bad + " at " + at + " of rows of " + cols);
                }
            }
        }
    }
}

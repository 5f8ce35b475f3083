package rnnkit.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The product kernels agree with the textbook triple loop")
class MatMulTest {

    /**
     * Shapes (r, n, m) chosen to reach every branch: n below, at and above a multiple of 4, n
     * larger than one cache block of b (blockRows(300) = 12, blockRows(64) = 64), single rows
     * and columns.
     */
    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(1, 1, 1), Arguments.of(1, 3, 5), Arguments.of(2, 4, 3), Arguments.of(3, 7, 9),
                Arguments.of(5, 13, 300), Arguments.of(4, 100, 64), Arguments.of(33, 67, 65), Arguments.of(1, 257, 256),
                Arguments.of(7, 1, 40));
    }

    /** c + a b by the definition, one entry at a time. */
    private static Matrix reference(Matrix c, Matrix a, Matrix b) {
        Matrix out = c.copy();
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < b.cols(); j++) {
                double s = 0.0;
                for (int k = 0; k < a.cols(); k++) {
                    s += a.get(i, k) * b.get(k, j);
                }
                out.set(i, j, out.get(i, j) + s);
            }
        }
        return out;
    }

    /** A random matrix with about a third of its entries exactly zero, so the skipping is exercised. */
    private static Matrix sparse(int rows, int cols, Random random) {
        Matrix m = Matrix.gaussian(rows, cols, 1.0, random);
        for (int k = 0; k < m.size(); k++) {
            if (random.nextInt(3) == 0) {
                m.setFlat(k, 0.0);
            }
        }
        return m;
    }

    private static void assertClose(Matrix expected, Matrix actual) {
        assertEquals(expected.shape(), actual.shape());
        double scale = Math.max(1.0, expected.maxAbs());
        double worst = expected.minus(actual).maxAbs();
        assertTrue(worst <= 1e-12 * scale, "largest difference " + worst + " for entries up to " + scale);
    }

    @ParameterizedTest(name = "({0} x {1}) by ({1} x {2})")
    @MethodSource("shapes")
    @DisplayName("c += a b")
    void product(int r, int n, int m) {
        Random random = new Random(31L * r + 7L * n + m);
        Matrix a = sparse(r, n, random);
        Matrix b = Matrix.gaussian(n, m, 1.0, random);
        Matrix c = Matrix.gaussian(r, m, 1.0, random);
        Matrix expected = reference(c, a, b);
        assertClose(expected, c.addProductInPlace(a, b));
    }

    @ParameterizedTest(name = "({0} x {1})^T-form by ({1} x {2})")
    @MethodSource("shapes")
    @DisplayName("c += a^T b")
    void transA(int r, int n, int m) {
        Random random = new Random(31L * r + 7L * n + m + 1);
        Matrix a = sparse(r, n, random);
        Matrix b = Matrix.gaussian(n, m, 1.0, random);
        Matrix c = Matrix.gaussian(r, m, 1.0, random);
        Matrix expected = reference(c, a, b);
        assertClose(expected, c.addTransAProductInPlace(a.transpose(), b));
    }

    @ParameterizedTest(name = "({0} x {1}) by ({1} x {2}) given as its transpose")
    @MethodSource("shapes")
    @DisplayName("c += a b^T")
    void transB(int r, int n, int m) {
        Random random = new Random(31L * r + 7L * n + m + 2);
        Matrix a = sparse(r, n, random);
        Matrix b = Matrix.gaussian(n, m, 1.0, random);
        Matrix c = Matrix.gaussian(r, m, 1.0, random);
        Matrix expected = reference(c, a, b);
        assertClose(expected, c.addTransBProductInPlace(a, b.transpose()));
    }

    @Test
    @DisplayName("a one-hot row picks out one row of b exactly")
    void oneHot() {
        Matrix b = Matrix.gaussian(65, 48, 1.0, new Random(5));
        Matrix x = Matrix.zeros(2, 65).set(0, 17, 1.0).set(1, 64, 1.0);
        Matrix c = Matrix.zeros(2, 48).addProductInPlace(x, b);
        assertEquals(b.rowAt(17), c.rowAt(0));
        assertEquals(b.rowAt(64), c.rowAt(1));
    }

    @Test
    @DisplayName("the block of b kept in cache is a multiple of 4 rows of at most 32 KB, and at least 4 rows")
    void blockRows() {
        assertEquals(64, MatMul.blockRows(64));
        assertEquals(16, MatMul.blockRows(256));
        assertEquals(12, MatMul.blockRows(300));
        assertEquals(4, MatMul.blockRows(4096));
        assertEquals(4, MatMul.blockRows(100_000));
    }

    @Test
    @DisplayName("stackRows and viewRows are inverse: T blocks of B rows")
    void stackAndSlice() {
        Random random = new Random(9);
        Matrix h1 = Matrix.gaussian(3, 4, 1.0, random);
        Matrix h2 = Matrix.gaussian(3, 4, 1.0, random);
        Matrix stacked = Matrix.stackRows(java.util.List.of(h1, h2));
        assertEquals("(6, 4)", stacked.shape());
        assertEquals(h1, stacked.viewRows(0, 3));
        assertEquals(h2, stacked.viewRows(3, 6));
    }
}

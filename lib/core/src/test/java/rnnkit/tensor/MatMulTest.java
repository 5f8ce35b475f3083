package rnnkit.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
                Arguments.of(7, 1, 40), Arguments.of(40, 7, 1));
    }

    /**
     * Shapes for the register-blocked kernel (tiles of {@link VectorMatMul#TILE_ROWS} rows by
     * {@link VectorMatMul#TILE_VECTORS} vectors, blocks of {@link VectorMatMul#kBlock} rows of b, dot
     * products in whole vectors): each dimension at exactly one tile or block, one below and one
     * above, with one row and one column on each side. The sizes are those of the running CPU
     * (L = 4 with AVX2, 8 with AVX-512); run the tests with -XX:UseAVX=2 for the other.
     */
    static Stream<Arguments> tileShapes() {
        int lanes = MatMul.VECTOR ? VectorMatMul.LANES : 4;
        int kb = MatMul.VECTOR ? VectorMatMul.kBlock() : 64;
        int tr = MatMul.VECTOR ? VectorMatMul.TILE_ROWS : 4;
        int w = MatMul.VECTOR ? VectorMatMul.WIDTH : 12;
        int[] rows = {1, 2, tr - 1, tr, tr + 1, 2 * tr + 3};
        int[] inner = {1, lanes + 1, kb - 1, kb, kb + 1, 2 * kb + 3};
        int[] cols = {1, lanes - 1, lanes, lanes + 1, w - 1, w, w + 1, 2 * w + lanes + 3};
        java.util.Set<java.util.List<Integer>> seen = new java.util.LinkedHashSet<>();
        for (int r : rows) {
            for (int n : inner) {
                for (int m : cols) {
                    seen.add(java.util.List.of(r, n, m));
                }
            }
        }
        return seen.stream().map(s -> Arguments.of(s.get(0), s.get(1), s.get(2)));
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

    /** A dense random matrix (no zero entries), so the register-blocked kernels, not the sparse paths, run. */
    private static Matrix dense(int rows, int cols, Random random) {
        return Matrix.uniform(rows, cols, 1.0, random).addInPlace(Matrix.filled(rows, cols, 2.0));
    }

    /** The plain loops' result for one of the three products, the reference the kernels are held to. */
    private static double[][] plain(String product, Matrix a, Matrix b, Matrix c) {
        double[][] out = c.toArray();
        double[][] x = a.toArray();
        double[][] y = b.toArray();
        switch (product) {
            case "ab" -> MatMul.plainAddProduct(x, y, out, a.cols(), c.cols());
            case "aTb" -> MatMul.plainAddTransAProduct(x, y, out, c.rows(), c.cols());
            default -> MatMul.plainAddTransBProduct(x, y, out, a.cols(), c.cols());
        }
        return out;
    }

    private static void assertCloseToPlain(double[][] expected, Matrix actual) {
        Matrix e = Matrix.of(expected);
        double scale = Math.max(1.0, e.maxAbs());
        double worst = e.minus(actual).maxAbs();
        assertTrue(worst <= 1e-13 * scale, "largest difference from the plain loops " + worst + " for entries up to " + scale);
    }

    @ParameterizedTest(name = "({0} x {1}) by ({1} x {2})")
    @MethodSource("tileShapes")
    @DisplayName("the register-blocked c += a b agrees with the plain loops and the triple loop")
    void tiledProduct(int r, int n, int m) {
        Random random = new Random(101L * r + 13L * n + m);
        Matrix a = dense(r, n, random);
        Matrix b = Matrix.gaussian(n, m, 1.0, random);
        Matrix c = Matrix.gaussian(r, m, 1.0, random);
        double[][] plain = plain("ab", a, b, c);
        Matrix expected = reference(c, a, b);
        double[][] out = c.toArray();
        VectorMatMul.addProduct(a.toArray(), b.toArray(), out, n, m);
        assertClose(expected, Matrix.of(out));
        assertCloseToPlain(plain, Matrix.of(out));
        assertClose(expected, c.addProductInPlace(a, b));   // whichever path MatMul chooses for this size
    }

    /**
     * Shapes for c^T += b^T a^T: rows of c at a tile's width and around it (the path MatMul takes
     * needs whole widths; the kernel itself takes any), inner sizes around a block of k, and
     * columns of c at twice the rows and past them by a vector and a few.
     */
    static Stream<Arguments> transposedShapes() {
        int lanes = MatMul.VECTOR ? VectorMatMul.LANES : 4;
        int kb = MatMul.VECTOR ? VectorMatMul.kBlock() : 64;
        int w = MatMul.VECTOR ? VectorMatMul.WIDTH : 12;
        java.util.List<Arguments> out = new java.util.ArrayList<>();
        for (int r : new int[] {1, w - 1, w, w + 1, 2 * w}) {
            for (int n : new int[] {1, lanes + 1, kb - 1, kb + 1, 2 * kb + 3}) {
                for (int m : new int[] {2 * r, 2 * r + 1, 2 * r + lanes + 3, 7 * r + 5}) {
                    out.add(Arguments.of(r, n, m));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "({0} x {1}) by ({1} x {2}) as (b^T a^T)^T")
    @MethodSource("transposedShapes")
    @DisplayName("c += a b run as c^T += b^T a^T gives the kernel's bits exactly, and the triple loop's sums")
    void transposedProduct(int r, int n, int m) {
        Random random = new Random(101L * r + 13L * n + m + 3);
        Matrix a = dense(r, n, random);
        Matrix b = Matrix.gaussian(n, m, 1.0, random);
        Matrix c = Matrix.gaussian(r, m, 1.0, random);
        double[][] direct = c.toArray();
        VectorMatMul.addProduct(a.toArray(), b.toArray(), direct, n, m);
        double[][] transposed = c.toArray();
        VectorMatMul.addProductTransposed(a.toArray(), b.transpose().toArray(), transposed, n, m);
        assertEquals(Matrix.of(direct), Matrix.of(transposed), "bit for bit");
        assertClose(reference(c, a, b), Matrix.of(transposed));
        Matrix viaMatrix = c.copy().addProductInPlace(a, b, b.transpose());
        assertEquals(c.copy().addProductInPlace(a, b), viaMatrix, "Matrix.addProductInPlace with and without b^T");
    }

    @Test
    @DisplayName("addProductInPlace given b^T: same bits as without it at a cell's shapes, and a stale b^T is refused")
    void productGivenTranspose() {
        Random random = new Random(17);
        for (int[] shape : new int[][] {{32, 256, 256}, {32, 64, 128}, {64, 128, 512}, {16, 48, 48}, {1, 256, 256}}) {
            Matrix a = dense(shape[0], shape[1], random);
            Matrix b = Matrix.gaussian(shape[1], shape[2], 1.0, random);
            Matrix c = Matrix.gaussian(shape[0], shape[2], 1.0, random);
            assertEquals(c.copy().addProductInPlace(a, b), c.copy().addProductInPlace(a, b, b.transpose()),
                    java.util.Arrays.toString(shape));
        }
        Matrix oneHot = Matrix.zeros(32, 65);
        for (int i = 0; i < 32; i++) {
            oneHot.set(i, (7 * i) % 65, 1.0);
        }
        Matrix w = Matrix.gaussian(65, 256, 1.0, random);
        assertEquals(Matrix.zeros(32, 256).addProductInPlace(oneHot, w),
                Matrix.zeros(32, 256).addProductInPlace(oneHot, w, w.transpose()), "a one-hot left operand");
        Matrix b = Matrix.gaussian(64, 64, 1.0, random);
        Matrix stale = b.transpose();
        b.addScaledInPlace(0.01, Matrix.filled(64, 64, 1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Matrix.zeros(32, 64).addProductInPlace(Matrix.zeros(32, 64), b, stale));
        assertTrue(e.getMessage().contains("not the transpose of b"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Matrix.zeros(32, 64).addProductInPlace(Matrix.zeros(32, 64), b, Matrix.zeros(64, 32)));
    }

    @ParameterizedTest(name = "({1} x {0})^T by ({1} x {2})")
    @MethodSource("tileShapes")
    @DisplayName("the register-blocked c += a^T b agrees with the plain loops and the triple loop")
    void tiledTransA(int r, int n, int m) {
        Random random = new Random(101L * r + 13L * n + m + 1);
        Matrix aT = dense(n, r, random);
        Matrix b = Matrix.gaussian(n, m, 1.0, random);
        Matrix c = Matrix.gaussian(r, m, 1.0, random);
        double[][] plain = plain("aTb", aT, b, c);
        Matrix expected = reference(c, aT.transpose(), b);
        double[][] out = c.toArray();
        VectorMatMul.addTransAProduct(aT.toArray(), b.toArray(), out, r, m);
        assertClose(expected, Matrix.of(out));
        assertCloseToPlain(plain, Matrix.of(out));
        assertClose(expected, c.addTransAProductInPlace(aT, b));
    }

    @ParameterizedTest(name = "({0} x {1}) by ({2} x {1})^T")
    @MethodSource("tileShapes")
    @DisplayName("the register-blocked c += a b^T agrees with the plain loops and the triple loop")
    void tiledTransB(int r, int n, int m) {
        Random random = new Random(101L * r + 13L * n + m + 2);
        Matrix a = dense(r, n, random);
        Matrix bT = Matrix.gaussian(m, n, 1.0, random);
        Matrix c = Matrix.gaussian(r, m, 1.0, random);
        double[][] plain = plain("aTbT", a, bT, c);
        Matrix expected = reference(c, a, bT.transpose());
        double[][] out = c.toArray();
        VectorMatMul.addTransBProduct(a.toArray(), bT.toArray(), out, n, m);
        assertClose(expected, Matrix.of(out));
        assertCloseToPlain(plain, Matrix.of(out));
        assertClose(expected, c.addTransBProductInPlace(a, bT));
    }

    @Test
    @DisplayName("the tests run the kernel they are meant to: the Vector API is in the test JVM")
    void vectorKernelInUse() {
        assertTrue(MatMul.VECTOR, "jdk.incubator.vector is missing from the test JVM: " + MatMul.description());
        assertTrue(VectorMatMul.LANES >= 2, "vector of " + VectorMatMul.LANES + " doubles");
    }

    @Test
    @DisplayName("the sparse paths of the vector form agree with the triple loop")
    void vectorSparsePaths() {
        Random random = new Random(8);
        Matrix oneHot = Matrix.zeros(37, 65);
        for (int i = 0; i < 37; i++) {
            oneHot.set(i, random.nextInt(65), 1.0);
        }
        Matrix b = Matrix.gaussian(65, 43, 1.0, random);
        double[][] out = new double[37][43];
        VectorMatMul.addSparseProduct(oneHot.toArray(), b.toArray(), out, 65, 43);
        assertClose(reference(Matrix.zeros(37, 43), oneHot, b), Matrix.of(out));
        Matrix d = Matrix.gaussian(37, 43, 1.0, random);
        double[][] grad = new double[65][43];
        VectorMatMul.addSparseTransAProduct(oneHot.toArray(), d.toArray(), grad, 65, 43);
        assertClose(reference(Matrix.zeros(65, 43), oneHot.transpose(), d), Matrix.of(grad));
    }

    @Test
    @DisplayName("a mostly-zero left operand takes the sparse path, a dense one the kernel")
    void sparseDetection() {
        Matrix oneHot = Matrix.zeros(4, 65).set(0, 3, 1.0).set(1, 0, 1.0).set(2, 64, 1.0).set(3, 3, 1.0);
        assertTrue(MatMul.isSparse(oneHot.toArray(), 4, 65));
        assertTrue(!MatMul.isSparse(Matrix.filled(4, 65, 0.5).toArray(), 4, 65));
        Matrix b = Matrix.gaussian(65, 30, 1.0, new Random(4));
        assertClose(reference(Matrix.zeros(4, 30), oneHot, b), Matrix.zeros(4, 30).addProductInPlace(oneHot, b));
        Matrix bT = Matrix.gaussian(4, 30, 1.0, new Random(5));
        assertClose(reference(Matrix.zeros(65, 30), oneHot.transpose(), bT),
                Matrix.zeros(65, 30).addTransAProductInPlace(oneHot, bT));
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

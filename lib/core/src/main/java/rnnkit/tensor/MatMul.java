package rnnkit.tensor;

/**
 * The matrix products, in two forms: register-blocked kernels on the JDK's Vector API
 * ({@link VectorMatMul}), used when the JVM was started with {@code --add-modules
 * jdk.incubator.vector} (every JVM the kit starts is), and the plain loops below, used otherwise and
 * kept as the reference the tests compare the kernels with.
 *
 * <p>Plain loops: every inner loop runs over one row with a single index j,
 * {@code c[j] += ... b[j] ...}, on arrays that start at offset 0. HotSpot's C2 compiler vectorizes
 * that shape (AVX2 or AVX-512 where the CPU has it); it does not vectorize
 * {@code c[o1 + j] += s * b[o2 + j]} on one flat array, because it cannot rule out that the two
 * ranges overlap. The k loop is unrolled by four, so each pass over a row of c reads it once for four
 * products. Such loops load and store c for every four multiply-adds, which bounds them well below
 * the multiply-add units' peak; the register-blocked kernels are not bound that way.
 *
 * <p>A left operand that is mostly zeros (one-hot inputs, for x W<sub>x</sub> and
 * X<sup>T</sup> dA) goes to a path that skips its zeros, in either form.
 *
 * <p>The shapes are checked by {@link Matrix}; these methods trust them.
 */
final class MatMul {

    private MatMul() {
    }

    /**
     * Whether the products use {@link VectorMatMul}: the module {@code jdk.incubator.vector} is in
     * the JVM and the system property {@code rnnkit.vector} is not {@code false} (which forces the
     * plain loops, to compare the two).
     */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("rnnkit.vector"));

    /** "vector API, 512 bits" or "plain loops (no jdk.incubator.vector)": what the products run on, for the benchmark. */
    static String description() {
        if (VECTOR) {
            return "vector API, " + VectorMatMul.LANES * 64 + " bits";
        }
        return "plain loops" + ("false".equals(System.getProperty("rnnkit.vector")) ? " (rnnkit.vector=false)"
                : " (jdk.incubator.vector not in the JVM)");
    }

    /**
     * Products of fewer multiply-adds than this stay on the plain loops. The JIT compiles the Vector
     * API's code only after a few hundred calls, and until then its vector operations run as objects,
     * far slower than plain loops that are not compiled yet: in lesson 07, whose models (H = 48,
     * B = 16) make products of 16 x 48 x 48, the first of the three models trained came out slower
     * than the third. Below 32 x 64 x 64 (a gradient check at H = 8, a lesson's model) the plain
     * loops are used from the first call to the last; the benchmark's and larger models use the
     * kernels, and their training runs long enough to pay for the warm-up. Products with fewer rows
     * of c than a tile ({@link VectorMatMul#TILE_ROWS}) stay there too: a single row (B = 1) has
     * nothing to reuse in registers, and the plain row loop, which streams whole rows of b, measured
     * faster.
     */
    static final long VECTOR_MIN_WORK = 32 * 64 * 64;

    /** c += a b: see {@link Matrix#addProductInPlace}. */
    static void addProduct(double[][] a, double[][] b, double[][] c, int n, int m) {
        if (!VECTOR || c.length < VectorMatMul.TILE_ROWS || (long) c.length * n * m < VECTOR_MIN_WORK) {
            plainAddProduct(a, b, c, n, m);
        } else if (isSparse(a, c.length, n)) {
            VectorMatMul.addSparseProduct(a, b, c, n, m);
        } else {
            VectorMatMul.addProduct(a, b, c, n, m);
        }
    }

    /**
     * c += a b given bT = b^T too: see {@link Matrix#addProductInPlace(Matrix, Matrix, Matrix)}. Where
     * {@link #addProduct} would run the vector kernels on a few rows of c, whole tiles' width of them
     * (32 with AVX-512, 8 with AVX2), against many more columns ({@link #TRANSPOSED_MIN_RATIO}), it
     * runs them on c^T += b^T a^T instead: the kernels keep a tile of c in registers and reuse each
     * panel of the right operand for every tile of rows, and 32 rows are only 8 tiles where 256 are 64.
     * Through Matrix, with the transposes of a and c counted, 32 x 256 by 256 x 256 went from 42 to
     * 45 GFLOP/s with AVX-512 and from 34 to 42 with AVX2. Every entry is the same sum of fused
     * multiply-adds in the same order of k either way (fma(x, y, s) = fma(y, x, s)), so the bits are
     * those of {@link #addProduct}.
     */
    static void addProduct(double[][] a, double[][] b, double[][] bT, double[][] c, int n, int m) {
        int r = c.length;
        if (VECTOR && r >= VectorMatMul.TILE_ROWS && (long) r * n * m >= VECTOR_MIN_WORK && r % VectorMatMul.WIDTH == 0
                && m >= TRANSPOSED_MIN_RATIO * r && !isSparse(a, r, n)) {
            VectorMatMul.addProductTransposed(a, bT, c, n, m);
        } else {
            addProduct(a, b, c, n, m);
        }
    }

    /**
     * How many times more columns than rows c must have for {@link #addProduct(double[][], double[][],
     * double[][], double[][], int, int)} to run transposed: below it the transposes of a and c cost more
     * than the longer run of tiles saves. Measured through Matrix on 32-row products: with AVX-512 the
     * transposed form won at 256 columns and lost at 64 and 128 (31 and 40 against 40 and 43 GFLOP/s);
     * with AVX2 it won from 128 (38 against 35) and lost at 64 (29 against 35).
     */
    static final int TRANSPOSED_MIN_RATIO = VECTOR && VectorMatMul.WIDE ? 8 : 4;

    /** c += a^T b: see {@link Matrix#addTransAProductInPlace}. */
    static void addTransAProduct(double[][] a, double[][] b, double[][] c, int r, int m) {
        if (!VECTOR || r < VectorMatMul.TILE_ROWS || (long) a.length * r * m < VECTOR_MIN_WORK) {
            plainAddTransAProduct(a, b, c, r, m);
        } else if (isSparse(a, a.length, r)) {
            VectorMatMul.addSparseTransAProduct(a, b, c, r, m);
        } else {
            VectorMatMul.addTransAProduct(a, b, c, r, m);
        }
    }

    /** c += a b^T: see {@link Matrix#addTransBProductInPlace}. */
    static void addTransBProduct(double[][] a, double[][] b, double[][] c, int n, int m) {
        if (VECTOR && (long) c.length * n * m >= VECTOR_MIN_WORK) {
            VectorMatMul.addTransBProduct(a, b, c, n, m);
        } else {
            plainAddTransBProduct(a, b, c, n, m);
        }
    }

    /**
     * Whether at least three quarters of the first {@code cols} entries of the first {@code rows}
     * rows of a are zero. Counting costs at most one pass over a, small beside the product, and stops
     * once a quarter of the entries are known to be nonzero, or at once when the last row is more than
     * half nonzero (which only decides the path: both give the product); a one-hot input of 65 symbols
     * is 98% zeros, a hidden state none.
     */
    static boolean isSparse(double[][] a, int rows, int cols) {
        if (rows > 1 && nonzeros(a[rows - 1], cols) > cols / 2) {
            return false;   // a dense last row: the usual answer, for the price of one row
        }
        long limit = (long) rows * cols / 4;   // more nonzero entries than this: dense
        long nonzeros = 0;
        for (int i = 0; i < rows; i++) {
            nonzeros += nonzeros(a[i], cols);
            if (nonzeros > limit) {
                return false;   // a dense matrix is known after a quarter of its entries
            }
        }
        return true;
    }

    private static int nonzeros(double[] row, int cols) {
        int count = 0;
        for (int k = 0; k < cols; k++) {
            count += row[k] != 0.0 ? 1 : 0;
        }
        return count;
    }

    // ---------------------------------------------------------------- the plain loops

    /**
     * Rows of b per block: a block of b (at most 32 KB, a multiple of 4 rows) stays in the level-1
     * cache while every row of c passes over it. On this project's machines that took a 32 x 256
     * by 256 x 256 product from 16 to 27 GFLOP/s.
     */
    static int blockRows(int m) {
        return Math.max(4, (4096 / Math.max(1, m)) & ~3);
    }

    /**
     * c += a b, with a r x n, b n x m, c r x m. Zero entries of a are skipped four at a time, so a
     * one-hot row of a costs one row of b.
     */
    static void plainAddProduct(double[][] a, double[][] b, double[][] c, int n, int m) {
        int block = blockRows(m);
        for (int k0 = 0; k0 < n; k0 += block) {
            int k1 = Math.min(n, k0 + block);
            for (int i = 0; i < c.length; i++) {
                double[] ai = a[i];
                double[] ci = c[i];
                int k = k0;
                for (; k + 4 <= k1; k += 4) {
                    double a0 = ai[k];
                    double a1 = ai[k + 1];
                    double a2 = ai[k + 2];
                    double a3 = ai[k + 3];
                    if (a0 != 0.0 || a1 != 0.0 || a2 != 0.0 || a3 != 0.0) {
                        addFour(a0, b[k], a1, b[k + 1], a2, b[k + 2], a3, b[k + 3], ci, m);
                    }
                }
                for (; k < k1; k++) {
                    axpy(ai[k], b[k], ci, m);
                }
            }
        }
    }

    /**
     * c += a^T b, with a n x r, b n x m, c r x m. It transposes a (n r copies) and runs
     * {@link #plainAddProduct}, whose rows of a^T are contiguous; gathering a[k][i] down the rows of a
     * instead ran at half the speed. Zero entries of a are skipped four at a time.
     */
    static void plainAddTransAProduct(double[][] a, double[][] b, double[][] c, int r, int m) {
        int n = a.length;
        double[][] aT = transposeScratch(r, n);
        transpose(a, aT, n, r);
        plainAddProduct(aT, b, c, n, m);
    }

    /**
     * c += a b^T, with a r x n, b m x n, c r x m: entry (i, j) gains the dot product of row i of a
     * and row j of b. Dot products are sums, which the JIT keeps in order and does not vectorize;
     * four rows of b at a time give four independent sums instead. Where b is reused across many
     * calls (a weight during backpropagation through time), transposing it once and calling
     * {@link #addProduct} is faster.
     */
    static void plainAddTransBProduct(double[][] a, double[][] b, double[][] c, int n, int m) {
        for (int i = 0; i < c.length; i++) {
            double[] ai = a[i];
            double[] ci = c[i];
            int j = 0;
            for (; j + 4 <= m; j += 4) {
                double[] b0 = b[j];
                double[] b1 = b[j + 1];
                double[] b2 = b[j + 2];
                double[] b3 = b[j + 3];
                double s0 = 0.0;
                double s1 = 0.0;
                double s2 = 0.0;
                double s3 = 0.0;
                for (int k = 0; k < n; k++) {
                    double x = ai[k];
                    s0 += x * b0[k];
                    s1 += x * b1[k];
                    s2 += x * b2[k];
                    s3 += x * b3[k];
                }
                ci[j] += s0;
                ci[j + 1] += s1;
                ci[j + 2] += s2;
                ci[j + 3] += s3;
            }
            for (; j < m; j++) {
                double[] bj = b[j];
                double s = 0.0;
                for (int k = 0; k < n; k++) {
                    s += ai[k] * bj[k];
                }
                ci[j] += s;
            }
        }
    }

    /**
     * aT[i][k] = a[k][i] for the first n rows and r columns of a, in blocks of 8 rows of a: each row
     * of aT then receives 8 neighbouring entries at a time instead of one, so a transpose of a
     * 800 x 256 stack does not touch 256 cache lines per row of a.
     */
    static void transpose(double[][] a, double[][] aT, int n, int r) {
        int k0 = 0;
        for (; k0 + 8 <= n; k0 += 8) {
            double[] a0 = a[k0];
            double[] a1 = a[k0 + 1];
            double[] a2 = a[k0 + 2];
            double[] a3 = a[k0 + 3];
            double[] a4 = a[k0 + 4];
            double[] a5 = a[k0 + 5];
            double[] a6 = a[k0 + 6];
            double[] a7 = a[k0 + 7];
            for (int i = 0; i < r; i++) {
                double[] t = aT[i];
                t[k0] = a0[i];
                t[k0 + 1] = a1[i];
                t[k0 + 2] = a2[i];
                t[k0 + 3] = a3[i];
                t[k0 + 4] = a4[i];
                t[k0 + 5] = a5[i];
                t[k0 + 6] = a6[i];
                t[k0 + 7] = a7[i];
            }
        }
        for (int k = k0; k < n; k++) {
            double[] ak = a[k];
            for (int i = 0; i < r; i++) {
                aT[i][k] = ak[i];
            }
        }
    }

    /**
     * Scratch matrices kept per thread and grown when needed, so a training loop does not allocate
     * them every pass: slot 0 for a^T in c += a^T b, slots 1 and 2 for c^T and a^T in
     * {@link VectorMatMul#addProductTransposed}, which never runs inside the first.
     */
    private static final ThreadLocal<double[][][]> SCRATCH = ThreadLocal.withInitial(() -> new double[3][0][0]);

    /** Scratch matrix {@code slot} with at least the given rows and columns (callers read only those). */
    static double[][] scratch(int slot, int rows, int cols) {
        double[][][] all = SCRATCH.get();
        double[][] t = all[slot];
        if (t.length < rows || (t.length > 0 && t[0].length < cols)) {
            t = new double[Math.max(rows, t.length)][Math.max(cols, t.length > 0 ? t[0].length : 0)];
            all[slot] = t;
        }
        return t;
    }

    /** At least r rows of at least n entries; c += a^T b reads only the first r rows and n entries. */
    static double[][] transposeScratch(int r, int n) {
        return scratch(0, r, n);
    }

    /** y += a0 x0 + a1 x1 + a2 x2 + a3 x3 over the first m entries: the loop every product runs. */
    private static void addFour(double a0, double[] x0, double a1, double[] x1, double a2, double[] x2, double a3,
            double[] x3, double[] y, int m) {
        for (int j = 0; j < m; j++) {
            y[j] += a0 * x0[j] + a1 * x1[j] + a2 * x2[j] + a3 * x3[j];
        }
    }

    /** y += alpha x over the first m entries; nothing when alpha is 0. */
    private static void axpy(double alpha, double[] x, double[] y, int m) {
        if (alpha == 0.0) {
            return;
        }
        for (int j = 0; j < m; j++) {
            y[j] += alpha * x[j];
        }
    }
}

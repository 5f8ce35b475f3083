package rnnkit.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The matrix products as register-blocked kernels on the JDK's Vector API
 * ({@code jdk.incubator.vector}), at the widest vector the CPU has ({@code SPECIES_PREFERRED}: 8
 * doubles with AVX-512, 4 with AVX2).
 *
 * <p>The row loops of {@link MatMul}'s plain form load and store a row of c for every few
 * multiply-adds, so they are bound by memory traffic, not by the multiply-add units. Here a tile
 * of c ({@link #TILE_ROWS} by {@link #TILE_VECTORS}: 4 rows by 4 vectors with AVX-512, 6 by 2 with
 * AVX2) stays in registers while the inner index k runs: with AVX-512 each step loads 4 vectors of b,
 * broadcasts 4 entries of a, and does 16 fused multiply-adds. A block of b of {@link #kBlock} rows by the tile's width stays in the
 * level-1 cache while every tile of rows passes over it.
 *
 * <p>Entries of c are summed in the same order as the plain loops (k ascending) except in
 * {@link #addTransBProduct}, whose dot products sum lanes separately; fused multiply-adds round once
 * instead of twice. The results agree with the plain loops to the last few bits, not bit for bit.
 *
 * <p>Only {@link MatMul} calls this class, and only when the module is present (a JVM started with
 * {@code --add-modules jdk.incubator.vector}); otherwise the class is never loaded.
 */
final class VectorMatMul {

    private VectorMatMul() {
    }

    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** Doubles per vector: 8 with AVX-512, 4 with AVX2. */
    static final int LANES = SPECIES.length();

    /**
     * The tile of c kept in registers: 4 rows by 4 vectors where the vectors are wide (AVX-512 has 32
     * registers: 16 accumulators, 4 vectors of b, a broadcast; 32 columns, which divide H = 64, 128,
     * 256), 6 rows by 2 vectors where they are not (AVX2 has 16: 12 accumulators, 2 vectors of b, a
     * broadcast; 4 by 3 left no register free and ran at two thirds of the speed).
     */
    static final boolean WIDE = LANES >= 8;

    /** Rows of a tile. */
    static final int TILE_ROWS = WIDE ? 4 : 6;

    /** Vectors across a tile. */
    static final int TILE_VECTORS = WIDE ? 4 : 2;

    /** Rows of b per block: a strip of b as wide as a tile and that many rows is 12 KB, well inside the level-1 cache. */
    static int kBlock() {
        return Math.max(16, 1536 / (TILE_VECTORS * LANES));
    }

    // ---------------------------------------------------------------- c += a b

    /** c += a b, with a r x n, b n x m, c r x m; a is dense (see {@link MatMul#isSparse}). */
    static void addProduct(double[][] a, double[][] b, double[][] c, int n, int m) {
        addProductRows(a, b, c, c.length, n, m);
    }

    /** {@link #addProduct} on the first r rows of a and c (a scratch matrix may have more). */
    static void addProductRows(double[][] a, double[][] b, double[][] c, int r, int n, int m) {
        int rows = r - r % TILE_ROWS;   // rows in whole tiles; the rest go one at a time
        int kb = kBlock();
        int width = TILE_VECTORS * LANES;
        for (int k0 = 0; k0 < n; k0 += kb) {
            int k1 = Math.min(n, k0 + kb);
            int j = 0;
            for (; j + width <= m && rows > 0; j += width) {
                double[] panel = pack(b, j, width, k0, k1);
                for (int i = 0; i < rows; i += TILE_ROWS) {
                    if (WIDE) {
                        tile4x4(a, panel, c, i, j, k0, k1);
                    } else {
                        tile6x2(a, panel, c, i, j, k0, k1);
                    }
                }
            }
            if (rows == 0) {
                j = m - m % width;
            }
            for (int i = rows; i < r; i++) {
                int jj = 0;
                for (; jj + 4 * LANES <= j; jj += 4 * LANES) {
                    tile1x4(a[i], b, c[i], jj, k0, k1);
                }
                for (; jj < j; jj += LANES) {
                    tile1x1(a[i], b, c[i], jj, k0, k1);
                }
            }
            for (; j + LANES <= m; j += LANES) {
                int i = 0;
                for (; i + 4 <= r; i += 4) {
                    tile4x1(a, b, c, i, j, k0, k1);
                }
                for (; i < r; i++) {
                    tile1x1(a[i], b, c[i], j, k0, k1);
                }
            }
            if (j < m) {
                scalarColumns(a, b, c, r, j, m, k0, k1);
            }
        }
    }

    /** Entries across a tile: TILE_VECTORS vectors. */
    static final int WIDTH = TILE_VECTORS * LANES;

    /** Room for one panel of b, kept per thread, so a training loop does not allocate it every product. */
    private static final ThreadLocal<double[]> PANEL = ThreadLocal.withInitial(() -> new double[kBlock() * WIDTH]);

    /**
     * Rows k0..k1 of columns j..j+width of b, copied one after the other into one array (the panel),
     * which every tile of rows then reads from start to end: one array and one index instead of a row
     * array and its bounds check per k. The copy costs 1/r of the product.
     */
    private static double[] pack(double[][] b, int j, int width, int k0, int k1) {
        double[] panel = PANEL.get();
        for (int k = k0, p = 0; k < k1; k++, p += width) {
            System.arraycopy(b[k], j, panel, p, width);
        }
        return panel;
    }

    /** c[i..i+3][j..j+4L) += a[i..i+3][k0..k1) b[k0..k1)[j..j+4L), b's part given as a panel: the kernel. */
    private static void tile4x4(double[][] a, double[] panel, double[][] c, int i, int j, int k0, int k1) {
        double[] a0 = a[i];
        double[] a1 = a[i + 1];
        double[] a2 = a[i + 2];
        double[] a3 = a[i + 3];
        double[] c0 = c[i];
        double[] c1 = c[i + 1];
        double[] c2 = c[i + 2];
        double[] c3 = c[i + 3];
        int j1 = j + LANES;
        int j2 = j + 2 * LANES;
        int j3 = j + 3 * LANES;
        DoubleVector s00 = DoubleVector.fromArray(SPECIES, c0, j);
        DoubleVector s01 = DoubleVector.fromArray(SPECIES, c0, j1);
        DoubleVector s02 = DoubleVector.fromArray(SPECIES, c0, j2);
        DoubleVector s03 = DoubleVector.fromArray(SPECIES, c0, j3);
        DoubleVector s10 = DoubleVector.fromArray(SPECIES, c1, j);
        DoubleVector s11 = DoubleVector.fromArray(SPECIES, c1, j1);
        DoubleVector s12 = DoubleVector.fromArray(SPECIES, c1, j2);
        DoubleVector s13 = DoubleVector.fromArray(SPECIES, c1, j3);
        DoubleVector s20 = DoubleVector.fromArray(SPECIES, c2, j);
        DoubleVector s21 = DoubleVector.fromArray(SPECIES, c2, j1);
        DoubleVector s22 = DoubleVector.fromArray(SPECIES, c2, j2);
        DoubleVector s23 = DoubleVector.fromArray(SPECIES, c2, j3);
        DoubleVector s30 = DoubleVector.fromArray(SPECIES, c3, j);
        DoubleVector s31 = DoubleVector.fromArray(SPECIES, c3, j1);
        DoubleVector s32 = DoubleVector.fromArray(SPECIES, c3, j2);
        DoubleVector s33 = DoubleVector.fromArray(SPECIES, c3, j3);
        for (int k = k0, p = 0; k < k1; k++, p += WIDTH) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, panel, p);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, panel, p + LANES);
            DoubleVector b2 = DoubleVector.fromArray(SPECIES, panel, p + 2 * LANES);
            DoubleVector b3 = DoubleVector.fromArray(SPECIES, panel, p + 3 * LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, a0[k]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            s02 = x.fma(b2, s02);
            s03 = x.fma(b3, s03);
            x = DoubleVector.broadcast(SPECIES, a1[k]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            s12 = x.fma(b2, s12);
            s13 = x.fma(b3, s13);
            x = DoubleVector.broadcast(SPECIES, a2[k]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            s22 = x.fma(b2, s22);
            s23 = x.fma(b3, s23);
            x = DoubleVector.broadcast(SPECIES, a3[k]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            s32 = x.fma(b2, s32);
            s33 = x.fma(b3, s33);
        }
        s00.intoArray(c0, j);
        s01.intoArray(c0, j1);
        s02.intoArray(c0, j2);
        s03.intoArray(c0, j3);
        s10.intoArray(c1, j);
        s11.intoArray(c1, j1);
        s12.intoArray(c1, j2);
        s13.intoArray(c1, j3);
        s20.intoArray(c2, j);
        s21.intoArray(c2, j1);
        s22.intoArray(c2, j2);
        s23.intoArray(c2, j3);
        s30.intoArray(c3, j);
        s31.intoArray(c3, j1);
        s32.intoArray(c3, j2);
        s33.intoArray(c3, j3);
    }

    /** c[i..i+5][j..j+2L) += a[i..i+5][k0..k1) b[k0..k1)[j..j+2L): the kernel where vectors are narrow. */
    private static void tile6x2(double[][] a, double[] panel, double[][] c, int i, int j, int k0, int k1) {
        double[] a0 = a[i];
        double[] a1 = a[i + 1];
        double[] a2 = a[i + 2];
        double[] a3 = a[i + 3];
        double[] a4 = a[i + 4];
        double[] a5 = a[i + 5];
        int j1 = j + LANES;
        DoubleVector s00 = DoubleVector.fromArray(SPECIES, c[i], j);
        DoubleVector s01 = DoubleVector.fromArray(SPECIES, c[i], j1);
        DoubleVector s10 = DoubleVector.fromArray(SPECIES, c[i + 1], j);
        DoubleVector s11 = DoubleVector.fromArray(SPECIES, c[i + 1], j1);
        DoubleVector s20 = DoubleVector.fromArray(SPECIES, c[i + 2], j);
        DoubleVector s21 = DoubleVector.fromArray(SPECIES, c[i + 2], j1);
        DoubleVector s30 = DoubleVector.fromArray(SPECIES, c[i + 3], j);
        DoubleVector s31 = DoubleVector.fromArray(SPECIES, c[i + 3], j1);
        DoubleVector s40 = DoubleVector.fromArray(SPECIES, c[i + 4], j);
        DoubleVector s41 = DoubleVector.fromArray(SPECIES, c[i + 4], j1);
        DoubleVector s50 = DoubleVector.fromArray(SPECIES, c[i + 5], j);
        DoubleVector s51 = DoubleVector.fromArray(SPECIES, c[i + 5], j1);
        for (int k = k0, p = 0; k < k1; k++, p += WIDTH) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, panel, p);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, panel, p + LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, a0[k]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = DoubleVector.broadcast(SPECIES, a1[k]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = DoubleVector.broadcast(SPECIES, a2[k]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = DoubleVector.broadcast(SPECIES, a3[k]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            x = DoubleVector.broadcast(SPECIES, a4[k]);
            s40 = x.fma(b0, s40);
            s41 = x.fma(b1, s41);
            x = DoubleVector.broadcast(SPECIES, a5[k]);
            s50 = x.fma(b0, s50);
            s51 = x.fma(b1, s51);
        }
        s00.intoArray(c[i], j);
        s01.intoArray(c[i], j1);
        s10.intoArray(c[i + 1], j);
        s11.intoArray(c[i + 1], j1);
        s20.intoArray(c[i + 2], j);
        s21.intoArray(c[i + 2], j1);
        s30.intoArray(c[i + 3], j);
        s31.intoArray(c[i + 3], j1);
        s40.intoArray(c[i + 4], j);
        s41.intoArray(c[i + 4], j1);
        s50.intoArray(c[i + 5], j);
        s51.intoArray(c[i + 5], j1);
    }

    /** Four rows by one vector: the columns left over below a multiple of a tile's width. */
    private static void tile4x1(double[][] a, double[][] b, double[][] c, int i, int j, int k0, int k1) {
        double[] a0 = a[i];
        double[] a1 = a[i + 1];
        double[] a2 = a[i + 2];
        double[] a3 = a[i + 3];
        DoubleVector s0 = DoubleVector.fromArray(SPECIES, c[i], j);
        DoubleVector s1 = DoubleVector.fromArray(SPECIES, c[i + 1], j);
        DoubleVector s2 = DoubleVector.fromArray(SPECIES, c[i + 2], j);
        DoubleVector s3 = DoubleVector.fromArray(SPECIES, c[i + 3], j);
        for (int k = k0; k < k1; k++) {
            DoubleVector bk = DoubleVector.fromArray(SPECIES, b[k], j);
            s0 = bk.fma(DoubleVector.broadcast(SPECIES, a0[k]), s0);
            s1 = bk.fma(DoubleVector.broadcast(SPECIES, a1[k]), s1);
            s2 = bk.fma(DoubleVector.broadcast(SPECIES, a2[k]), s2);
            s3 = bk.fma(DoubleVector.broadcast(SPECIES, a3[k]), s3);
        }
        s0.intoArray(c[i], j);
        s1.intoArray(c[i + 1], j);
        s2.intoArray(c[i + 2], j);
        s3.intoArray(c[i + 3], j);
    }

    /**
     * One row by 4 vectors: the rows below the last whole tile, and every row when B = 1. Four
     * independent sums hide the latency of the multiply-add; each one needs a load of b, so a single
     * row is bound by the speed at which b arrives from the cache.
     */
    private static void tile1x4(double[] ai, double[][] b, double[] ci, int j, int k0, int k1) {
        int j1 = j + LANES;
        int j2 = j + 2 * LANES;
        int j3 = j + 3 * LANES;
        DoubleVector s0 = DoubleVector.fromArray(SPECIES, ci, j);
        DoubleVector s1 = DoubleVector.fromArray(SPECIES, ci, j1);
        DoubleVector s2 = DoubleVector.fromArray(SPECIES, ci, j2);
        DoubleVector s3 = DoubleVector.fromArray(SPECIES, ci, j3);
        for (int k = k0; k < k1; k++) {
            double[] bk = b[k];
            DoubleVector x = DoubleVector.broadcast(SPECIES, ai[k]);
            s0 = x.fma(DoubleVector.fromArray(SPECIES, bk, j), s0);
            s1 = x.fma(DoubleVector.fromArray(SPECIES, bk, j1), s1);
            s2 = x.fma(DoubleVector.fromArray(SPECIES, bk, j2), s2);
            s3 = x.fma(DoubleVector.fromArray(SPECIES, bk, j3), s3);
        }
        s0.intoArray(ci, j);
        s1.intoArray(ci, j1);
        s2.intoArray(ci, j2);
        s3.intoArray(ci, j3);
    }

    /** One row by one vector. */
    private static void tile1x1(double[] ai, double[][] b, double[] ci, int j, int k0, int k1) {
        DoubleVector s = DoubleVector.fromArray(SPECIES, ci, j);
        for (int k = k0; k < k1; k++) {
            s = DoubleVector.broadcast(SPECIES, ai[k]).fma(DoubleVector.fromArray(SPECIES, b[k], j), s);
        }
        s.intoArray(ci, j);
    }

    /**
     * The last m - j columns (fewer than one vector), one entry at a time, each a sum over k in
     * ascending order like the vector lanes. Those columns of b are first copied into one array,
     * column after column, so the sums read them in a line instead of one cache line of b per k; four
     * rows at a time give four independent sums for the multiply-add units.
     */
    private static void scalarColumns(double[][] a, double[][] b, double[][] c, int r, int j, int m, int k0, int k1) {
        int len = k1 - k0;
        double[] columns = new double[(m - j) * len];
        for (int k = k0; k < k1; k++) {
            double[] bk = b[k];
            for (int jj = j; jj < m; jj++) {
                columns[(jj - j) * len + k - k0] = bk[jj];
            }
        }
        for (int jj = j; jj < m; jj++) {
            int start = (jj - j) * len;
            int i = 0;
            for (; i + 4 <= r; i += 4) {
                double[] a0 = a[i];
                double[] a1 = a[i + 1];
                double[] a2 = a[i + 2];
                double[] a3 = a[i + 3];
                double s0 = c[i][jj];
                double s1 = c[i + 1][jj];
                double s2 = c[i + 2][jj];
                double s3 = c[i + 3][jj];
                for (int k = k0, p = start; k < k1; k++, p++) {
                    double bk = columns[p];
                    s0 = Math.fma(a0[k], bk, s0);
                    s1 = Math.fma(a1[k], bk, s1);
                    s2 = Math.fma(a2[k], bk, s2);
                    s3 = Math.fma(a3[k], bk, s3);
                }
                c[i][jj] = s0;
                c[i + 1][jj] = s1;
                c[i + 2][jj] = s2;
                c[i + 3][jj] = s3;
            }
            for (; i < r; i++) {
                double[] ai = a[i];
                double s = c[i][jj];
                for (int k = k0, p = start; k < k1; k++, p++) {
                    s = Math.fma(ai[k], columns[p], s);
                }
                c[i][jj] = s;
            }
        }
    }

    /**
     * c += a b as c^T += b^T a^T, with a r x n, bT = b^T m x n, c r x m: c and a are transposed into
     * scratch matrices (r m + r n copies, a small part of the r n m multiply-adds), the kernels run on
     * m rows, and c^T is transposed back.
     */
    static void addProductTransposed(double[][] a, double[][] bT, double[][] c, int n, int m) {
        int r = c.length;
        double[][] cT = MatMul.scratch(1, m, r);
        double[][] aT = MatMul.scratch(2, n, r);
        MatMul.transpose(c, cT, r, m);
        MatMul.transpose(a, aT, r, n);
        addProductRows(bT, aT, cT, m, n, r);
        MatMul.transpose(cT, c, m, r);
    }

    // ---------------------------------------------------------------- c += a^T b

    /**
     * c += a^T b, with a n x r, b n x m, c r x m, a dense: a^T into a scratch matrix kept per thread
     * (n r copies, 1/m of the product), then {@link #addProduct}. Broadcasting a[k][i..] straight
     * from the rows of a instead costs a row of a and its bounds check per k, and ran at two thirds
     * of the speed.
     */
    static void addTransAProduct(double[][] a, double[][] b, double[][] c, int r, int m) {
        int n = a.length;
        double[][] aT = MatMul.transposeScratch(r, n);
        MatMul.transpose(a, aT, n, r);
        addProduct(aT, b, c, n, m);
    }

    // ---------------------------------------------------------------- sparse a

    /** c += a b for an a that is mostly zeros (one-hot rows): one vector update of c's row per nonzero entry. */
    static void addSparseProduct(double[][] a, double[][] b, double[][] c, int n, int m) {
        for (int i = 0; i < c.length; i++) {
            double[] ai = a[i];
            for (int k = 0; k < n; k++) {
                if (ai[k] != 0.0) {
                    axpy(ai[k], b[k], c[i], m);
                }
            }
        }
    }

    /** c += a^T b for an a that is mostly zeros: row k adds a[k][i] b[k] to row i of c for each nonzero a[k][i]. */
    static void addSparseTransAProduct(double[][] a, double[][] b, double[][] c, int r, int m) {
        for (int k = 0; k < a.length; k++) {
            double[] ak = a[k];
            for (int i = 0; i < r; i++) {
                if (ak[i] != 0.0) {
                    axpy(ak[i], b[k], c[i], m);
                }
            }
        }
    }

    /** y += alpha x over the first m entries. */
    static void axpy(double alpha, double[] x, double[] y, int m) {
        DoubleVector s = DoubleVector.broadcast(SPECIES, alpha);
        int j = 0;
        for (; j + LANES <= m; j += LANES) {
            s.fma(DoubleVector.fromArray(SPECIES, x, j), DoubleVector.fromArray(SPECIES, y, j)).intoArray(y, j);
        }
        for (; j < m; j++) {
            y[j] = Math.fma(alpha, x[j], y[j]);
        }
    }

    // ---------------------------------------------------------------- c += a b^T

    /**
     * c += a b^T, with a r x n, b m x n, c r x m: dot products of rows. A tile of 2 rows of a by 4
     * rows of b keeps 8 vector sums, each over the lanes of its k positions, and adds the lanes up
     * once at the end.
     */
    static void addTransBProduct(double[][] a, double[][] b, double[][] c, int n, int m) {
        int r = c.length;
        int kv = n - n % LANES;
        int i = 0;
        for (; i + 2 <= r; i += 2) {
            double[] a0 = a[i];
            double[] a1 = a[i + 1];
            double[] c0 = c[i];
            double[] c1 = c[i + 1];
            int j = 0;
            for (; j + 4 <= m; j += 4) {
                tile2x4Dot(a0, a1, b, c0, c1, j, kv, n);
            }
            for (; j < m; j++) {
                c0[j] += dot(a0, b[j], kv, n);
                c1[j] += dot(a1, b[j], kv, n);
            }
        }
        for (; i < r; i++) {
            double[] ai = a[i];
            double[] ci = c[i];
            for (int j = 0; j < m; j++) {
                ci[j] += dot(ai, b[j], kv, n);
            }
        }
    }

    /** c0[j..j+3] += a0 . b[j..j+3] and c1[j..j+3] += a1 . b[j..j+3]: 8 dot products, 8 vector sums. */
    private static void tile2x4Dot(double[] a0, double[] a1, double[][] b, double[] c0, double[] c1, int j, int kv, int n) {
        double[] b0 = b[j];
        double[] b1 = b[j + 1];
        double[] b2 = b[j + 2];
        double[] b3 = b[j + 3];
        DoubleVector s00 = DoubleVector.zero(SPECIES);
        DoubleVector s01 = s00;
        DoubleVector s02 = s00;
        DoubleVector s03 = s00;
        DoubleVector s10 = s00;
        DoubleVector s11 = s00;
        DoubleVector s12 = s00;
        DoubleVector s13 = s00;
        for (int k = 0; k < kv; k += LANES) {
            DoubleVector x0 = DoubleVector.fromArray(SPECIES, a0, k);
            DoubleVector x1 = DoubleVector.fromArray(SPECIES, a1, k);
            DoubleVector y = DoubleVector.fromArray(SPECIES, b0, k);
            s00 = x0.fma(y, s00);
            s10 = x1.fma(y, s10);
            y = DoubleVector.fromArray(SPECIES, b1, k);
            s01 = x0.fma(y, s01);
            s11 = x1.fma(y, s11);
            y = DoubleVector.fromArray(SPECIES, b2, k);
            s02 = x0.fma(y, s02);
            s12 = x1.fma(y, s12);
            y = DoubleVector.fromArray(SPECIES, b3, k);
            s03 = x0.fma(y, s03);
            s13 = x1.fma(y, s13);
        }
        c0[j] += s00.reduceLanes(VectorOperators.ADD) + dotTail(a0, b0, kv, n);
        c0[j + 1] += s01.reduceLanes(VectorOperators.ADD) + dotTail(a0, b1, kv, n);
        c0[j + 2] += s02.reduceLanes(VectorOperators.ADD) + dotTail(a0, b2, kv, n);
        c0[j + 3] += s03.reduceLanes(VectorOperators.ADD) + dotTail(a0, b3, kv, n);
        c1[j] += s10.reduceLanes(VectorOperators.ADD) + dotTail(a1, b0, kv, n);
        c1[j + 1] += s11.reduceLanes(VectorOperators.ADD) + dotTail(a1, b1, kv, n);
        c1[j + 2] += s12.reduceLanes(VectorOperators.ADD) + dotTail(a1, b2, kv, n);
        c1[j + 3] += s13.reduceLanes(VectorOperators.ADD) + dotTail(a1, b3, kv, n);
    }

    /** The dot product of x and y over the first n entries; kv = n rounded down to whole vectors. */
    private static double dot(double[] x, double[] y, int kv, int n) {
        DoubleVector s = DoubleVector.zero(SPECIES);
        for (int k = 0; k < kv; k += LANES) {
            s = DoubleVector.fromArray(SPECIES, x, k).fma(DoubleVector.fromArray(SPECIES, y, k), s);
        }
        return s.reduceLanes(VectorOperators.ADD) + dotTail(x, y, kv, n);
    }

    /** Σ x[k] y[k] for k in [kv, n), the entries after the last whole vector. */
    private static double dotTail(double[] x, double[] y, int kv, int n) {
        double s = 0.0;
        for (int k = kv; k < n; k++) {
            s = Math.fma(x[k], y[k], s);
        }
        return s;
    }
}

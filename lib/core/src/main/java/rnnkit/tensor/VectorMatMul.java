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
 * of c, 4 rows by 3 vectors (12 accumulators, 96 entries with AVX-512), stays in registers while
 * the inner index k runs: each step loads 3 vectors of a row of b, broadcasts 4 entries of a, and
 * does 12 fused multiply-adds. A block of b of {@link #kBlock} rows by the tile's width stays in the
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

    /** Rows of b per block: a 3-vector-wide strip of that many rows is 12 KB, well inside the level-1 cache. */
    static int kBlock() {
        return Math.max(16, 512 / LANES);
    }

    // ---------------------------------------------------------------- c += a b

    /** c += a b, with a r x n, b n x m, c r x m; a is dense (see {@link MatMul#isSparse}). */
    static void addProduct(double[][] a, double[][] b, double[][] c, int n, int m) {
        int r = c.length;
        int kb = kBlock();
        int w3 = 3 * LANES;
        for (int k0 = 0; k0 < n; k0 += kb) {
            int k1 = Math.min(n, k0 + kb);
            int j = 0;
            for (; j + w3 <= m; j += w3) {
                int i = 0;
                for (; i + 4 <= r; i += 4) {
                    tile4x3(a, b, c, i, j, k0, k1);
                }
                for (; i < r; i++) {
                    tile1x3(a[i], b, c[i], j, k0, k1);
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
                for (int i = 0; i < r; i++) {
                    scalarColumns(a[i], b, c[i], j, m, k0, k1);
                }
            }
        }
    }

    /** c[i..i+3][j..j+3L) += a[i..i+3][k0..k1) b[k0..k1)[j..j+3L): the kernel. */
    private static void tile4x3(double[][] a, double[][] b, double[][] c, int i, int j, int k0, int k1) {
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
        DoubleVector s00 = DoubleVector.fromArray(SPECIES, c0, j);
        DoubleVector s01 = DoubleVector.fromArray(SPECIES, c0, j1);
        DoubleVector s02 = DoubleVector.fromArray(SPECIES, c0, j2);
        DoubleVector s10 = DoubleVector.fromArray(SPECIES, c1, j);
        DoubleVector s11 = DoubleVector.fromArray(SPECIES, c1, j1);
        DoubleVector s12 = DoubleVector.fromArray(SPECIES, c1, j2);
        DoubleVector s20 = DoubleVector.fromArray(SPECIES, c2, j);
        DoubleVector s21 = DoubleVector.fromArray(SPECIES, c2, j1);
        DoubleVector s22 = DoubleVector.fromArray(SPECIES, c2, j2);
        DoubleVector s30 = DoubleVector.fromArray(SPECIES, c3, j);
        DoubleVector s31 = DoubleVector.fromArray(SPECIES, c3, j1);
        DoubleVector s32 = DoubleVector.fromArray(SPECIES, c3, j2);
        for (int k = k0; k < k1; k++) {
            double[] bk = b[k];
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, bk, j);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, bk, j1);
            DoubleVector b2 = DoubleVector.fromArray(SPECIES, bk, j2);
            DoubleVector x = DoubleVector.broadcast(SPECIES, a0[k]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            s02 = x.fma(b2, s02);
            x = DoubleVector.broadcast(SPECIES, a1[k]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            s12 = x.fma(b2, s12);
            x = DoubleVector.broadcast(SPECIES, a2[k]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            s22 = x.fma(b2, s22);
            x = DoubleVector.broadcast(SPECIES, a3[k]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            s32 = x.fma(b2, s32);
        }
        s00.intoArray(c0, j);
        s01.intoArray(c0, j1);
        s02.intoArray(c0, j2);
        s10.intoArray(c1, j);
        s11.intoArray(c1, j1);
        s12.intoArray(c1, j2);
        s20.intoArray(c2, j);
        s21.intoArray(c2, j1);
        s22.intoArray(c2, j2);
        s30.intoArray(c3, j);
        s31.intoArray(c3, j1);
        s32.intoArray(c3, j2);
    }

    /** One row by 3 vectors: the rows left over below a multiple of 4, and every row when B = 1. */
    private static void tile1x3(double[] ai, double[][] b, double[] ci, int j, int k0, int k1) {
        int j1 = j + LANES;
        int j2 = j + 2 * LANES;
        DoubleVector s0 = DoubleVector.fromArray(SPECIES, ci, j);
        DoubleVector s1 = DoubleVector.fromArray(SPECIES, ci, j1);
        DoubleVector s2 = DoubleVector.fromArray(SPECIES, ci, j2);
        for (int k = k0; k < k1; k++) {
            double[] bk = b[k];
            DoubleVector x = DoubleVector.broadcast(SPECIES, ai[k]);
            s0 = x.fma(DoubleVector.fromArray(SPECIES, bk, j), s0);
            s1 = x.fma(DoubleVector.fromArray(SPECIES, bk, j1), s1);
            s2 = x.fma(DoubleVector.fromArray(SPECIES, bk, j2), s2);
        }
        s0.intoArray(ci, j);
        s1.intoArray(ci, j1);
        s2.intoArray(ci, j2);
    }

    /** Four rows by one vector: the columns left over below a multiple of 3 vectors. */
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

    /** One row by one vector. */
    private static void tile1x1(double[] ai, double[][] b, double[] ci, int j, int k0, int k1) {
        DoubleVector s = DoubleVector.fromArray(SPECIES, ci, j);
        for (int k = k0; k < k1; k++) {
            s = DoubleVector.broadcast(SPECIES, ai[k]).fma(DoubleVector.fromArray(SPECIES, b[k], j), s);
        }
        s.intoArray(ci, j);
    }

    /** The last m - j columns (fewer than one vector), one entry at a time. */
    private static void scalarColumns(double[] ai, double[][] b, double[] ci, int j, int m, int k0, int k1) {
        for (int jj = j; jj < m; jj++) {
            double s = ci[jj];
            for (int k = k0; k < k1; k++) {
                s = Math.fma(ai[k], b[k][jj], s);
            }
            ci[jj] = s;
        }
    }

    // ---------------------------------------------------------------- c += a^T b

    /**
     * c += a^T b, with a n x r, b n x m, c r x m, a dense. The same tiles as {@link #addProduct}, but
     * the 4 entries broadcast at step k are a[k][i..i+3], next to each other in row k of a: a^T is
     * never formed.
     */
    static void addTransAProduct(double[][] a, double[][] b, double[][] c, int r, int m) {
        int n = a.length;
        int kb = kBlock();
        int w3 = 3 * LANES;
        for (int k0 = 0; k0 < n; k0 += kb) {
            int k1 = Math.min(n, k0 + kb);
            int j = 0;
            for (; j + w3 <= m; j += w3) {
                int i = 0;
                for (; i + 4 <= r; i += 4) {
                    tile4x3TransA(a, b, c, i, j, k0, k1);
                }
                for (; i < r; i++) {
                    tile1xTransA(a, b, c[i], i, j, 3, k0, k1);
                }
            }
            for (; j + LANES <= m; j += LANES) {
                for (int i = 0; i < r; i++) {
                    tile1xTransA(a, b, c[i], i, j, 1, k0, k1);
                }
            }
            for (int i = 0; j < m && i < r; i++) {
                double[] ci = c[i];
                for (int jj = j; jj < m; jj++) {
                    double s = ci[jj];
                    for (int k = k0; k < k1; k++) {
                        s = Math.fma(a[k][i], b[k][jj], s);
                    }
                    ci[jj] = s;
                }
            }
        }
    }

    private static void tile4x3TransA(double[][] a, double[][] b, double[][] c, int i, int j, int k0, int k1) {
        double[] c0 = c[i];
        double[] c1 = c[i + 1];
        double[] c2 = c[i + 2];
        double[] c3 = c[i + 3];
        int j1 = j + LANES;
        int j2 = j + 2 * LANES;
        DoubleVector s00 = DoubleVector.fromArray(SPECIES, c0, j);
        DoubleVector s01 = DoubleVector.fromArray(SPECIES, c0, j1);
        DoubleVector s02 = DoubleVector.fromArray(SPECIES, c0, j2);
        DoubleVector s10 = DoubleVector.fromArray(SPECIES, c1, j);
        DoubleVector s11 = DoubleVector.fromArray(SPECIES, c1, j1);
        DoubleVector s12 = DoubleVector.fromArray(SPECIES, c1, j2);
        DoubleVector s20 = DoubleVector.fromArray(SPECIES, c2, j);
        DoubleVector s21 = DoubleVector.fromArray(SPECIES, c2, j1);
        DoubleVector s22 = DoubleVector.fromArray(SPECIES, c2, j2);
        DoubleVector s30 = DoubleVector.fromArray(SPECIES, c3, j);
        DoubleVector s31 = DoubleVector.fromArray(SPECIES, c3, j1);
        DoubleVector s32 = DoubleVector.fromArray(SPECIES, c3, j2);
        for (int k = k0; k < k1; k++) {
            double[] ak = a[k];
            double[] bk = b[k];
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, bk, j);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, bk, j1);
            DoubleVector b2 = DoubleVector.fromArray(SPECIES, bk, j2);
            DoubleVector x = DoubleVector.broadcast(SPECIES, ak[i]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            s02 = x.fma(b2, s02);
            x = DoubleVector.broadcast(SPECIES, ak[i + 1]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            s12 = x.fma(b2, s12);
            x = DoubleVector.broadcast(SPECIES, ak[i + 2]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            s22 = x.fma(b2, s22);
            x = DoubleVector.broadcast(SPECIES, ak[i + 3]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            s32 = x.fma(b2, s32);
        }
        s00.intoArray(c0, j);
        s01.intoArray(c0, j1);
        s02.intoArray(c0, j2);
        s10.intoArray(c1, j);
        s11.intoArray(c1, j1);
        s12.intoArray(c1, j2);
        s20.intoArray(c2, j);
        s21.intoArray(c2, j1);
        s22.intoArray(c2, j2);
        s30.intoArray(c3, j);
        s31.intoArray(c3, j1);
        s32.intoArray(c3, j2);
    }

    /** Row i of c, {@code vectors} (1 or 3) vectors from column j. */
    private static void tile1xTransA(double[][] a, double[][] b, double[] ci, int i, int j, int vectors, int k0, int k1) {
        for (int v = 0; v < vectors; v++) {
            int jv = j + v * LANES;
            DoubleVector s = DoubleVector.fromArray(SPECIES, ci, jv);
            for (int k = k0; k < k1; k++) {
                s = DoubleVector.broadcast(SPECIES, a[k][i]).fma(DoubleVector.fromArray(SPECIES, b[k], jv), s);
            }
            s.intoArray(ci, jv);
        }
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

package rnnkit.tensor;

/**
 * The entry-wise functions of the cells' equations (σ, tanh, their derivatives from their outputs,
 * the GRU's blend), as loops over the rows of {@link Matrix}. The cells reach them through
 * {@code rnnkit.cells.Ops}, whose names their code reads like; here they run without a bounds
 * check per entry.
 *
 * <p>σ and tanh are computed here from e^u, with only additions, multiplications, fused
 * multiply-adds and divisions, each of which IEEE 754 rounds one way on every CPU. So they give the
 * same bits on every JDK and machine, one entry at a time or eight to a vector ({@link
 * VectorEntryWise}), and a lesson's trained model does not depend on where it was trained.
 * {@link Math#tanh} does not have that property: JDK 17 and JDK 25 return different last bits for
 * about one input in ten, which is enough to send a long training run down another path. On JDK 17
 * it is also a call into native code, about 19 ns an entry against 2 here in vectors. Both functions
 * are within 3 units in the last place of the exact value (EntryWiseTest measures it against
 * Math.tanh and Math.exp).
 *
 * <p>Each writes into a matrix it is given and returns it. Shapes are checked once per call.
 */
public final class EntryWise {

    private EntryWise() {
    }

    /** 1 / ln 2, and ln 2 in two parts (high bits and the rest), for the reduction u = k ln 2 + r. */
    static final double INV_LN2 = 0x1.71547652b82fep0;
    static final double LN2_HI = 0x1.62e42fee00000p-1;
    static final double LN2_LO = 0x1.a39ef35793c76p-33;

    /** 1.5 * 2^52: added to a double below 2^51 in size, it leaves the nearest integer in the low bits. */
    static final double ROUNDER = 0x1.8p52;

    /** 1/n! for n = 2..13: the Taylor series of e^r - 1 - r, which past r^13 adds under 1e-17 for |r| <= ln 2 / 2. */
    static final double[] INV_FACTORIAL = {
        1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320, 1.0 / 362880, 1.0 / 3628800,
        1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800.0,
    };

    /** Below this tanh(x) is 1 to the last bit (e^-40 is 4e-18); the argument of e^u - 1 is clamped here. */
    static final double TANH_CLAMP = -40.0;

    /** e^u is computed for u >= this; σ(a) for a < -708 is then 4e-308 instead of smaller, a difference of nothing. */
    static final double EXP_CLAMP = -708.0;

    /**
     * e^u - 1 for u in [-708, 0]: u = k ln 2 + r with k an integer and |r| <= ln 2 / 2, then
     * e^u - 1 = 2^k (e^r - 1) + (2^k - 1), with e^r - 1 from its Taylor series ({@link #series}).
     * When k = 0 (|u| < 0.35) the result is the series itself, so small u keep their precision.
     */
    static double expm1(double u) {
        double t = Math.fma(u, INV_LN2, ROUNDER);      // the integer k nearest to u / ln 2 sits in t's low bits
        double p = series(u, t - ROUNDER);
        double twoToK = twoTo(t);
        return Math.fma(twoToK, p, twoToK - 1.0);
    }

    /** e^u for u in [-708, 0]: 2^k (1 + (e^r - 1)), with k and r as in {@link #expm1}. */
    static double exp(double u) {
        double t = Math.fma(u, INV_LN2, ROUNDER);
        double p = series(u, t - ROUNDER);
        double twoToK = twoTo(t);
        return Math.fma(twoToK, p, twoToK);
    }

    /** e^r - 1 for r = u - k ln 2: r + r^2 (1/2 + r/6 + ... + r^11/13!), by Horner's rule. */
    private static double series(double u, double k) {
        double r = Math.fma(-k, LN2_LO, Math.fma(-k, LN2_HI, u));
        double q = INV_FACTORIAL[11];
        for (int n = 10; n >= 0; n--) {
            q = Math.fma(q, r, INV_FACTORIAL[n]);
        }
        return Math.fma(q, r * r, r);
    }

    /** 2^k for the k in t's low bits (t = k + 1.5 * 2^52), built from its exponent bits. */
    private static double twoTo(double t) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(t) + 1023) << 52);
    }

    /**
     * tanh(x) = (1 - e^{-2|x|}) / (1 + e^{-2|x|}) with the sign of x, written as -m / (2 + m) for
     * m = e^{-2|x|} - 1, which keeps full precision near 0. ±0 and NaN give themselves, ±∞ gives ±1.
     */
    public static double tanh(double x) {
        double u = -2.0 * Math.abs(x);
        double m = expm1(u < TANH_CLAMP ? TANH_CLAMP : u);
        return Math.copySign(-m / (2.0 + m), x);
    }

    /**
     * σ(a) = 1 / (1 + e^-a), computed without overflow for large |a|: with e = e^{-|a|},
     * 1 / (1 + e) for a >= 0 and e / (1 + e) for a < 0.
     */
    public static double sigmoid(double a) {
        double u = -Math.abs(a);
        double e = exp(u < EXP_CLAMP ? EXP_CLAMP : u);
        // Both quotients, then a choice the JIT makes without a branch: the sign of a is a coin toss.
        double positive = 1.0 / (1.0 + e);
        double negative = e / (1.0 + e);
        return a >= 0 ? positive : negative;
    }

    /**
     * Matrices of fewer entries than this take the entry-by-entry loops: the Vector API's code runs
     * slowly until the JIT has compiled it, which a lesson's small model (16 x 48) would pay for
     * longer than it gains. Both give the same bits.
     */
    static final int VECTOR_MIN_ENTRIES = 2048;

    private static boolean vector(Matrix a) {
        return MatMul.VECTOR && (long) a.rows() * a.cols() >= VECTOR_MIN_ENTRIES;
    }

    /**
     * out[row][k] = e^{in[row][k] - shift} for every column k, with {@link #exp} (its argument clamped
     * at -708), and returns their sum, added in column order: the numerators of a softmax and their
     * total, for a shift at least as large as every entry of the row (its maximum). in and out may be
     * the same matrix.
     */
    public static double expShifted(Matrix out, Matrix in, int row, double shift) {
        if (!out.sameShape(in)) {
            throw new IllegalArgumentException("expShifted: shapes differ: " + out.shape() + " and " + in.shape());
        }
        double[] o = out.rowArrays()[row];
        double[] x = in.rowArrays()[row];
        int n = in.cols();
        int j = 0;
        if (MatMul.VECTOR && n >= VectorEntryWise.LANES) {
            j = VectorEntryWise.expShifted(o, x, n, shift);
        }
        for (; j < n; j++) {
            double u = x[j] - shift;
            o[j] = exp(u < EXP_CLAMP ? EXP_CLAMP : u);
        }
        double sum = 0.0;
        for (int k = 0; k < n; k++) {
            sum += o[k];
        }
        return sum;
    }

    /** σ applied to every entry of a, in place; returns a. */
    public static Matrix sigmoidInPlace(Matrix a) {
        if (vector(a)) {
            for (double[] row : a.rowArrays()) {
                VectorEntryWise.sigmoid(row, a.cols());
            }
            return a;
        }
        for (double[] row : a.rowArrays()) {
            for (int j = 0; j < a.cols(); j++) {
                row[j] = sigmoid(row[j]);
            }
        }
        return a;
    }

    /** tanh applied to every entry of a, in place; returns a. */
    public static Matrix tanhInPlace(Matrix a) {
        if (vector(a)) {
            for (double[] row : a.rowArrays()) {
                VectorEntryWise.tanh(row, a.cols());
            }
            return a;
        }
        for (double[] row : a.rowArrays()) {
            for (int j = 0; j < a.cols(); j++) {
                row[j] = tanh(row[j]);
            }
        }
        return a;
    }

    /** out = dy ⊙ s ⊙ (1 - s): the gradient through s = σ(a), given s. out may be dy; returns out. */
    public static Matrix sigmoidBackward(Matrix out, Matrix dy, Matrix s) {
        check("sigmoidBackward", out, dy, s);
        double[][] o = out.rowArrays();
        double[][] d = dy.rowArrays();
        double[][] v = s.rowArrays();
        for (int i = 0; i < o.length; i++) {
            double[] oi = o[i];
            double[] di = d[i];
            double[] vi = v[i];
            for (int j = 0; j < out.cols(); j++) {
                oi[j] = di[j] * vi[j] * (1.0 - vi[j]);
            }
        }
        return out;
    }

    /** out = dy ⊙ (1 - t^2): the gradient through t = tanh(a), given t. out may be dy; returns out. */
    public static Matrix tanhBackward(Matrix out, Matrix dy, Matrix t) {
        check("tanhBackward", out, dy, t);
        double[][] o = out.rowArrays();
        double[][] d = dy.rowArrays();
        double[][] v = t.rowArrays();
        for (int i = 0; i < o.length; i++) {
            double[] oi = o[i];
            double[] di = d[i];
            double[] vi = v[i];
            for (int j = 0; j < out.cols(); j++) {
                oi[j] = di[j] * (1.0 - vi[j] * vi[j]);
            }
        }
        return out;
    }

    /** out = (1 - z) ⊙ a, entry-wise; returns out. */
    public static Matrix oneMinusTimes(Matrix out, Matrix z, Matrix a) {
        check("oneMinusTimes", out, z, a);
        double[][] o = out.rowArrays();
        double[][] zs = z.rowArrays();
        double[][] as = a.rowArrays();
        for (int i = 0; i < o.length; i++) {
            double[] oi = o[i];
            double[] zi = zs[i];
            double[] ai = as[i];
            for (int j = 0; j < out.cols(); j++) {
                oi[j] = (1.0 - zi[j]) * ai[j];
            }
        }
        return out;
    }

    /** out = z ⊙ a + (1 - z) ⊙ b, entry-wise: the GRU's blend of two states; returns out. */
    public static Matrix blend(Matrix out, Matrix z, Matrix a, Matrix b) {
        check("blend", out, z, a);
        check("blend", out, z, b);
        double[][] o = out.rowArrays();
        double[][] zs = z.rowArrays();
        double[][] as = a.rowArrays();
        double[][] bs = b.rowArrays();
        for (int i = 0; i < o.length; i++) {
            double[] oi = o[i];
            double[] zi = zs[i];
            double[] ai = as[i];
            double[] bi = bs[i];
            for (int j = 0; j < out.cols(); j++) {
                double zij = zi[j];
                oi[j] = zij * ai[j] + (1.0 - zij) * bi[j];
            }
        }
        return out;
    }

    private static void check(String op, Matrix out, Matrix x, Matrix y) {
        if (!out.sameShape(x) || !out.sameShape(y)) {
            throw new IllegalArgumentException(op + ": shapes differ: " + out.shape() + ", " + x.shape() + " and " + y.shape());
        }
    }
}

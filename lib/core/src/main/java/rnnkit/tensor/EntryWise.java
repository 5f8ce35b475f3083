package rnnkit.tensor;

/**
 * The entry-wise functions of the cells' equations (σ, tanh, their derivatives from their outputs,
 * the GRU's blend), as loops over the rows of {@link Matrix}. The cells reach them through
 * {@code rnnkit.cells.Ops}, whose names their code reads like; here they run without a bounds
 * check per entry, and tanh without a call into native code (see {@link #tanh(double)}).
 *
 * <p>Each writes into a matrix it is given and returns it. Shapes are checked once per call.
 */
public final class EntryWise {

    private EntryWise() {
    }

    /** σ(a) = 1 / (1 + e^-a), computed without overflow for large |a|. */
    public static double sigmoid(double a) {
        double e = Math.exp(-Math.abs(a));
        // Both quotients, then a choice the JIT makes without a branch: the sign of a is a coin toss.
        double positive = 1.0 / (1.0 + e);
        double negative = e / (1.0 + e);
        return a >= 0 ? positive : negative;
    }

    /**
     * tanh(x), within 16 units in the last place of {@link Math#tanh} (a relative difference under
     * 4e-15). On JDK 17 Math.tanh is a call into native code, about a tenth of an LSTM's training
     * step; this one uses the JIT's intrinsic for exp: tanh |x| = 1 - 2 / (e^{2|x|} + 1) for
     * |x| >= 0.1, where the subtraction loses at most 4 bits (near 0.1), and the Taylor series to x^15
     * below 0.1, whose next term is under 1e-19 of the sum. NaN gives NaN; large |x| gives ±1.
     */
    public static double tanh(double x) {
        double ax = Math.abs(x);
        double t;
        if (ax < 0.1) {
            double x2 = ax * ax;
            t = ax * (1.0 + x2 * (-1.0 / 3 + x2 * (2.0 / 15 + x2 * (-17.0 / 315 + x2 * (62.0 / 2835
                    + x2 * (-1382.0 / 155925 + x2 * (21844.0 / 6081075 + x2 * (-929569.0 / 638512875))))))));
        } else {
            t = 1.0 - 2.0 / (Math.exp(2.0 * ax) + 1.0);
        }
        return Math.copySign(t, x);
    }

    /** σ applied to every entry of a, in place; returns a. */
    public static Matrix sigmoidInPlace(Matrix a) {
        for (double[] row : a.rowArrays()) {
            for (int j = 0; j < a.cols(); j++) {
                row[j] = sigmoid(row[j]);
            }
        }
        return a;
    }

    /** tanh applied to every entry of a, in place; returns a. */
    public static Matrix tanhInPlace(Matrix a) {
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

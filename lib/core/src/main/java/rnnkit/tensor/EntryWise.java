package rnnkit.tensor;

/**
 * The entry-wise functions of the cells' equations (σ, tanh, their derivatives from their outputs,
 * the GRU's blend), as loops over the rows of {@link Matrix}. The cells reach them through
 * {@code rnnkit.cells.Ops}, whose names their code reads like; here they run without a bounds
 * check per entry, and σ without a branch on the sign. Every result is bit for bit the one the
 * entry-by-entry loops gave: a lesson's trained model, and the claims its notebook checks, do not
 * move. (On JDK 17 Math.tanh is a call into native code, about a twelfth of an LSTM's training step
 * at H = 256; a tanh on the exp intrinsic, within 16 ulps of it, changed lesson 07's trained LSTM
 * enough to fail one of its claims, so it is not used.)
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
                row[j] = Math.tanh(row[j]);
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

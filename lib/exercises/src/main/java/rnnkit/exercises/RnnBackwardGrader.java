package rnnkit.exercises;

import static rnnkit.exercises.Fixtures.copy;
import static rnnkit.exercises.Fixtures.uniform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import rnnkit.cells.CellGradients;
import rnnkit.cells.RnnCell;
import rnnkit.cells.State;
import rnnkit.cells.Trace;
import rnnkit.params.Parameters;
import rnnkit.grading.Expect;
import rnnkit.grading.Mistake;
import rnnkit.grading.Submission;
import rnnkit.tensor.Matrix;

/**
 * Grades exercise 2 ({@link RnnBackward}) against {@link RnnCell#backward} and finite differences of
 * the loss L = Σ_t sum(dhs_t ⊙ h_t), whose gradient with respect to h_t is exactly dhs_t.
 */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class RnnBackwardGrader {

    static final int X = 3;
    static final int H = 4;
    static final int B = 2;

    final Random random = new Random(23);
    final RnnCell cell = new RnnCell(X, H, 9);

    /** One forward pass and the upstream gradients, with the reference's answer and the answers of known mistakes. */
    final class Case {
        final List<Matrix> xs;
        final Matrix h0;
        final List<Matrix> dhs;
        final Trace trace;
        final CellGradients expected;

        Case(int steps, boolean onlyLast) {
            cell.parameters().get("bh").copyFromInPlace(uniform(1, H, random));
            xs = Fixtures.sequence(steps, B, X, random);
            h0 = uniform(B, H, random);
            dhs = new ArrayList<>();
            for (int t = 0; t < steps; t++) {
                dhs.add(onlyLast && t < steps - 1 ? Matrix.zeros(B, H) : uniform(B, H, random));
            }
            trace = cell.forward(xs, State.of(h0));
            expected = cell.backward(trace, dhs, null);
        }

        /** The copies the last run handed to the student's backward. */
        Inputs handed;

        RnnGradients run(RnnBackward rnn) {
            handed = new Inputs();
            RnnGradients g = rnn.backward(handed.of("xs", xs), handed.of("h0", h0), handed.of("hs", trace.hs()),
                    handed.of("dhs", dhs), handed.of(cell.parameters()));
            Expect.that(g != null, "backward returned null");
            return g;
        }

        RnnGradients mistake(String which) {
            return bptt(xs, h0, trace.hs(), dhs, cell.parameters(), which);
        }

        /** Compares one gradient, naming the first mistake that gives the same value. */
        void check(String name, Matrix actual, String... mistakes) {
            Matrix expectedValue = name.equals("dh0") ? expected.initialState().h() : expected.parameters().get(name.substring(1));
            List<Mistake> known = new ArrayList<>();
            for (String m : mistakes) {
                known.add(new Mistake(SENTENCES.get(m), pick(mistake(m), name)));
            }
            Expect.close(name, actual, expectedValue, known);
        }
    }

    static final java.util.Map<String, String> SENTENCES = java.util.Map.of(
            "1-h", "the tanh derivative is 1 - h_t², not 1 - h_t",
            "no tanh'", "the tanh derivative is missing: da_t = dh_t ⊙ (1 - h_t²)",
            "h_t in dWhh", "dWhh pairs da_t with h_{t-1} (the state that went in), not with h_t",
            "no carry", "the gradient does not flow back through time: add dhNext (da_{t+1} Whh^T) to dhs_t",
            "overwrite", "the gradients are overwritten at each step: accumulate them over time (+=)",
            "Whh not transposed", "dhNext is da_t Whh^T (the transpose of Whh)",
            "only last step", "only the last step contributes: loop over every step t = T..1",
            "tanh' at h_{t-1}", "the tanh derivative is taken at the wrong state: step t's tanh produced h_t, so da_t = dh_t ⊙ (1 - h_t²), not (1 - h_{t-1}²)",
            "forward in time", "the loop walks forward in time: go from t = T down to 1, so that the gradient from step t+1 (dhNext) is ready when step t needs it");

    @Test
    @Order(1)
    @DisplayName("returns gradients shaped like Wxh (X, H), Whh (H, H), bh (1, H) and h0 (B, H)")
    void shapes(RnnBackward rnn) {
        RnnGradients g = new Case(2, false).run(rnn);
        shape("dWxh", g.dWxh(), X, H, "");
        shape("dWhh", g.dWhh(), H, H, "");
        shape("dbh", g.dbh(), 1, H, g.dbh() != null && g.dbh().rows() == B ? ": sum da_t over the rows (the batch)" : "");
        shape("dh0", g.dh0(), B, H, "");
    }

    @Test
    @Order(2)
    @DisplayName("one step: dbh, through the tanh")
    void oneStepBias(RnnBackward rnn) {
        Case c = new Case(1, false);
        c.check("dbh", c.run(rnn).dbh(), "tanh' at h_{t-1}", "1-h", "no tanh'");
    }

    @Test
    @Order(3)
    @DisplayName("one step: dWxh")
    void oneStepWxh(RnnBackward rnn) {
        Case c = new Case(1, false);
        c.check("dWxh", c.run(rnn).dWxh(), "tanh' at h_{t-1}", "1-h", "no tanh'");
    }

    @Test
    @Order(4)
    @DisplayName("one step: dWhh, the recurrent weights")
    void oneStepWhh(RnnBackward rnn) {
        Case c = new Case(1, false);
        c.check("dWhh", c.run(rnn).dWhh(), "h_t in dWhh", "tanh' at h_{t-1}", "1-h", "no tanh'");
    }

    @Test
    @Order(5)
    @DisplayName("one step: dh0, what flows back to the initial state")
    void oneStepH0(RnnBackward rnn) {
        Case c = new Case(1, false);
        c.check("dh0", c.run(rnn).dh0(), "Whh not transposed", "tanh' at h_{t-1}", "1-h", "no tanh'");
    }

    @Test
    @Order(6)
    @DisplayName("T = 4, loss only at the last step: the gradient flows back to h0")
    void throughTime(RnnBackward rnn) {
        Case c = new Case(4, true);
        RnnGradients g = c.run(rnn);
        c.check("dh0", g.dh0(), "no carry", "forward in time", "Whh not transposed", "tanh' at h_{t-1}", "1-h", "no tanh'");
        c.check("dWhh", g.dWhh(), "no carry", "forward in time", "overwrite", "h_t in dWhh", "tanh' at h_{t-1}", "1-h", "no tanh'");
        c.check("dWxh", g.dWxh(), "no carry", "forward in time", "overwrite", "tanh' at h_{t-1}", "1-h", "no tanh'");
    }

    @Test
    @Order(7)
    @DisplayName("T = 5, loss at every step: matches RnnCell, every step's share summed")
    void everyStep(RnnBackward rnn) {
        Case c = new Case(5, false);
        RnnGradients g = c.run(rnn);
        String[] all = {"no carry", "forward in time", "overwrite", "only last step", "h_t in dWhh", "tanh' at h_{t-1}",
            "Whh not transposed", "1-h", "no tanh'"};
        c.check("dbh", g.dbh(), all);
        c.check("dWxh", g.dWxh(), all);
        c.check("dWhh", g.dWhh(), all);
        c.check("dh0", g.dh0(), all);
    }

    @Test
    @Order(8)
    @DisplayName("agrees with finite differences of the loss")
    void finiteDifferences(RnnBackward rnn) {
        Case c = new Case(3, false);
        RnnGradients g = c.run(rnn);
        Parameters p = cell.parameters();
        Random pick = new Random(3);
        String[] names = {"Wxh", "Whh", "bh"};
        Matrix[] mine = {g.dWxh(), g.dWhh(), g.dbh()};
        for (int k = 0; k < names.length; k++) {
            Matrix w = p.get(names[k]);
            Expect.that(mine[k] != null && mine[k].sameShape(w), "d%s has the wrong shape", names[k]);
            for (int n = 0; n < 3; n++) {
                int i = pick.nextInt(w.rows());
                int j = pick.nextInt(w.cols());
                double numeric = numeric(c, w, i, j);
                double analytic = mine[k].get(i, j);
                Expect.that(Math.abs(numeric - analytic) <= 1e-6 * Math.max(1, Math.abs(numeric)),
                        "d%s(%d, %d) = %.6g but the finite difference (L(w + ε) - L(w - ε)) / 2ε gives %.6g",
                        names[k], i, j, analytic, numeric);
            }
        }
        Matrix h0 = c.h0;
        for (int n = 0; n < 3; n++) {
            int i = pick.nextInt(B);
            int j = pick.nextInt(H);
            double numeric = numeric(c, h0, i, j);
            Expect.that(g.dh0() != null && Math.abs(numeric - g.dh0().get(i, j)) <= 1e-6 * Math.max(1, Math.abs(numeric)),
                    "dh0(%d, %d) = %s but the finite difference gives %.6g", i, j,
                    g.dh0() == null ? "null" : String.format(Locale.ROOT, "%.6g", g.dh0().get(i, j)), numeric);
        }
    }

    @Test
    @Order(9)
    @DisplayName("leaves xs, h0, hs, dhs and the parameters unchanged")
    void leavesInputsAlone(RnnBackward rnn) {
        Case c = new Case(4, false);
        c.run(rnn);
        c.handed.unchanged("backward");
    }

    /** (L(w + ε) - L(w - ε)) / 2ε for one entry of w (a parameter or h0), restoring it afterwards. */
    private double numeric(Case c, Matrix w, int i, int j) {
        double eps = 1e-5;
        double old = w.get(i, j);
        w.set(i, j, old + eps);
        double plus = loss(c);
        w.set(i, j, old - eps);
        double minus = loss(c);
        w.set(i, j, old);
        return (plus - minus) / (2 * eps);
    }

    private double loss(Case c) {
        List<Matrix> hs = cell.forward(c.xs, State.of(c.h0)).hs();
        double sum = 0;
        for (int t = 0; t < hs.size(); t++) {
            sum += hs.get(t).times(c.dhs.get(t)).sum();
        }
        return sum;
    }

    private static void shape(String name, Matrix m, int rows, int cols, String hint) {
        Expect.that(m != null, "%s is null: return every gradient", name);
        Expect.that(m.rows() == rows && m.cols() == cols, "%s has shape %s, expected (%d, %d)%s", name, m.shape(), rows, cols, hint);
    }

    private static Matrix pick(RnnGradients g, String name) {
        return switch (name) {
            case "dWxh" -> g.dWxh();
            case "dWhh" -> g.dWhh();
            case "dbh" -> g.dbh();
            default -> g.dh0();
        };
    }

    /** BPTT with one known mistake switched on, to recognise it in a student's answer. */
    static RnnGradients bptt(List<Matrix> xs, Matrix h0, List<Matrix> hs, List<Matrix> dhs, Parameters p, String mistake) {
        Matrix whh = p.get("Whh");
        Matrix dWxh = Matrix.zeros(xs.get(0).cols(), whh.cols());
        Matrix dWhh = Matrix.zeros(whh.rows(), whh.cols());
        Matrix dbh = Matrix.zeros(1, whh.cols());
        Matrix dhNext = Matrix.zeros(h0.rows(), h0.cols());
        List<Integer> steps = new ArrayList<>();
        for (int t = xs.size() - 1; t >= (mistake.equals("only last step") ? xs.size() - 1 : 0); t--) {
            steps.add(t);
        }
        if (mistake.equals("forward in time")) {
            Collections.reverse(steps);
        }
        for (int t : steps) {
            Matrix h = hs.get(t);
            Matrix hPrev = t == 0 ? h0 : hs.get(t - 1);
            Matrix dh = mistake.equals("no carry") ? dhs.get(t) : dhs.get(t).plus(dhNext);
            Matrix da = switch (mistake) {
                case "1-h" -> dh.times(h.map(v -> 1 - v));
                case "tanh' at h_{t-1}" -> dh.times(hPrev.map(v -> 1 - v * v));
                case "no tanh'" -> dh;
                default -> dh.times(h.map(v -> 1 - v * v));
            };
            Matrix stepWxh = xs.get(t).matmulTransA(da);
            Matrix stepWhh = (mistake.equals("h_t in dWhh") ? h : hPrev).matmulTransA(da);
            if (mistake.equals("overwrite")) {
                dWxh = stepWxh;
                dWhh = stepWhh;
                dbh = da.sumRows();
            } else {
                dWxh.addInPlace(stepWxh);
                dWhh.addInPlace(stepWhh);
                dbh.addInPlace(da.sumRows());
            }
            dhNext = mistake.equals("Whh not transposed") ? da.matmul(whh) : da.matmulTransB(whh);
        }
        return new RnnGradients(dWxh, dWhh, dbh, dhNext);
    }
}

package rnnkit.exercises;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import rnnkit.params.Parameters;
import rnnkit.grading.Expect;
import rnnkit.grading.Mistake;
import rnnkit.grading.Submission;
import rnnkit.nn.SoftmaxCrossEntropy;
import rnnkit.tensor.Matrix;
import rnnkit.train.Clipping;

/**
 * Grades exercise 5 ({@link CharLoopParts}) against {@link Clipping#globalNorm} and
 * {@link SoftmaxCrossEntropy#softmax(Matrix, double)}, and sampling by its frequencies.
 */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class CharLoopGrader {

    final Random random = new Random(53);

    private Parameters gradients(double scale) {
        Parameters g = new Parameters();
        g.add("Wxh", Matrix.uniform(3, 4, scale, random));
        g.add("Whh", Matrix.uniform(4, 4, scale, random));
        g.add("bh", Matrix.uniform(1, 4, scale, random));
        return g;
    }

    @Test
    @Order(1)
    @DisplayName("clipping: a global norm under the limit leaves the gradients unchanged")
    void underTheLimit(CharLoopParts parts) {
        Parameters g = gradients(0.1);
        Parameters before = g.copy();
        double max = before.globalNorm() * 2;
        parts.clipGlobalNorm(g, max);
        Parameters scaledUp = before.copy();
        scaledUp.forEach((n, m) -> m.scaleInPlace(max / before.globalNorm()));
        for (String n : g.names()) {
            Expect.close(n + " gradient", g.get(n), before.get(n),
                    new Mistake("it was rescaled to maxNorm although its norm was already under the limit: rescale only when norm > maxNorm",
                            scaledUp.get(n)));
        }
    }

    @Test
    @Order(2)
    @DisplayName("clipping: over the limit, every gradient is scaled by maxNorm / (global norm), in place")
    void overTheLimit(CharLoopParts parts) {
        Parameters g = gradients(3.0);
        Parameters before = g.copy();
        double max = 1.0;
        parts.clipGlobalNorm(g, max);
        Parameters expected = before.copy();
        Clipping.globalNorm(max).apply(expected);
        Parameters perMatrix = before.copy();
        perMatrix.forEach((n, m) -> m.scaleInPlace(Math.min(1.0, max / m.norm())));
        Parameters byValue = before.copy();
        Clipping.value(max).apply(byValue);
        Parameters inverted = before.copy();
        inverted.forEach((n, m) -> m.scaleInPlace(before.globalNorm() / max));
        for (String n : g.names()) {
            Expect.close(n + " gradient", g.get(n), expected.get(n),
                    new Mistake("it was not changed: scale the gradients in place (g.scaleInPlace(s)), the training loop reads them afterwards",
                            before.get(n)),
                    new Mistake("each matrix was clipped by its own norm: use the global norm over all gradients together",
                            perMatrix.get(n)),
                    new Mistake("the entries were clamped to [-max, max]: that is clipping by value; scale by maxNorm / norm instead",
                            byValue.get(n)),
                    new Mistake("the scale is inverted: multiply by maxNorm / norm, not norm / maxNorm", inverted.get(n)));
        }
    }

    @Test
    @Order(3)
    @DisplayName("clipping: returns the global norm before clipping")
    void returnsNorm(CharLoopParts parts) {
        Parameters g = gradients(3.0);
        double norm = g.globalNorm();
        double returned = parts.clipGlobalNorm(g, 1.0);
        Expect.that(Math.abs(returned - 1.0) > 1e-9 || Math.abs(norm - 1.0) < 1e-9,
                "returned %.6g, the norm after clipping: return the norm before, %.6g (the training history plots it)", returned, norm);
        Expect.that(Math.abs(returned - norm) <= 1e-9 * norm,
                "returned %.6g, expected the global norm sqrt(Σ of every squared entry of every gradient) = %.6g", returned, norm);
    }

    @Test
    @Order(4)
    @DisplayName("softmax at T = 1: each row is exp(l) / Σ exp(l)")
    void softmaxPlain(CharLoopParts parts) {
        Matrix logits = Matrix.uniform(3, 5, 2.0, random);
        Matrix exp = logits.map(Math::exp);
        Expect.close("softmax(logits, 1)", parts.softmax(logits.copy(), 1.0), SoftmaxCrossEntropy.softmax(logits, 1.0),
                new Mistake("it is normalised over all entries together: normalise each row (one distribution per example)",
                        exp.scale(1 / exp.sum())),
                new Mistake("it is not normalised: divide by the row's sum of exponentials", exp));
    }

    @Test
    @Order(5)
    @DisplayName("softmax at T = 0.5 and T = 2: divides the logits by T")
    void temperature(CharLoopParts parts) {
        Matrix logits = Matrix.uniform(2, 5, 2.0, random);
        for (double t : new double[] {0.5, 2.0}) {
            Expect.close("softmax(logits, " + t + ")", parts.softmax(logits.copy(), t), SoftmaxCrossEntropy.softmax(logits, t),
                    new Mistake("the logits are multiplied by T: divide them (a low T sharpens, a high T flattens)",
                            SoftmaxCrossEntropy.softmax(logits.scale(t * t), t)),
                    new Mistake("the temperature is ignored: compute softmax(logits / T)", SoftmaxCrossEntropy.softmax(logits, 1.0)));
        }
    }

    @Test
    @Order(6)
    @DisplayName("softmax stays finite and exact for logits far apart (1000 and 0), all very negative, and T from 0.01 to 100")
    void stable(CharLoopParts parts) {
        Object[][] cases = {
            {"logits near 1000", Matrix.row(1000, 999, 998, 990), 1.0},
            {"logits 1000, 0 and -1000", Matrix.row(1000, 0, -1000), 1.0},
            {"logits near -1000", Matrix.row(-1000, -1001, -1003), 1.0},
            {"logits 0 to 10 at T = 0.01 (0 to 1000 after dividing)", Matrix.row(0, 3, 7, 10), 0.01},
            {"logits 500 apart at T = 100", Matrix.row(500, 0, -500), 100.0},
        };
        for (Object[] c : cases) {
            Matrix logits = (Matrix) c[1];
            double t = (double) c[2];
            Matrix actual = parts.softmax(logits.copy(), t);
            Expect.that(actual != null && actual.firstNonFinite() < 0,
                    "softmax gave NaN or infinity for %s: exp of a large number overflows (exp(710) is already infinite) and "
                            + "exp of a very negative one underflows to 0 (then 0 / 0); subtract each row's max from the row "
                            + "before exp, so the largest term is exp(0) = 1", c[0]);
            Expect.close("softmax for " + c[0], actual, SoftmaxCrossEntropy.softmax(logits, t));
        }
        // two rows far apart: the max of the whole matrix is not the max of each row
        Matrix rows = Matrix.of(new double[][] {{1000, 999, 990}, {0, -1, -3}});
        Matrix actual = parts.softmax(rows.copy(), 1.0);
        Expect.that(actual != null && actual.firstNonFinite() < 0,
                "softmax gave NaN or infinity for a batch whose rows lie 1000 apart: subtract each row's own max; the max of "
                        + "the whole matrix leaves the other rows at exp(-1000) = 0, and 0 / 0");
        Expect.close("softmax of a batch whose rows lie 1000 apart", actual, SoftmaxCrossEntropy.softmax(rows, 1.0));
    }

    @Test
    @Order(10)
    @DisplayName("softmax leaves the logits unchanged, sample the probabilities")
    void leavesInputsAlone(CharLoopParts parts) {
        Inputs softmax = new Inputs();
        parts.softmax(softmax.of("logits", Matrix.uniform(3, 5, 2.0, random)), 0.5);
        softmax.unchanged("softmax");
        Inputs sample = new Inputs();
        parts.sample(sample.of("probs", Matrix.row(0.2, 0.5, 0.3)), new Random(3));
        sample.unchanged("sample");
    }

    @Test
    @Order(7)
    @DisplayName("sampling: a distribution with all its mass on one index always gives that index")
    void certain(CharLoopParts parts) {
        Random r = new Random(1);
        for (int k = 0; k < 4; k++) {
            Matrix p = Matrix.zeros(1, 4).set(0, k, 1.0);
            for (int n = 0; n < 20; n++) {
                int got = parts.sample(p, r);
                Expect.that(got == k, "with all the probability on index %d, sample returned %d%s", k, got,
                        got == k + 1 || got == k - 1 ? ": an off-by-one in the cumulative sum?" : "");
            }
        }
    }

    @Test
    @Order(8)
    @DisplayName("sampling: 20 000 draws follow the probabilities (within 0.02)")
    void frequencies(CharLoopParts parts) {
        double[] p = {0.1, 0.6, 0.3};
        int[] counts = new int[3];
        Random r = new Random(2);
        int n = 20_000;
        int[] draws = new int[n];
        for (int k = 0; k < n; k++) {
            int got = parts.sample(Matrix.row(p), r);
            Expect.that(got >= 0 && got < 3, "sample returned %d, outside 0..2", got);
            counts[got]++;
            draws[k] = got;
        }
        Expect.that(counts[1] < n, "sample always returned the most likely index: that is argmax (greedy), draw at random instead");
        Random same = new Random(2);
        boolean noCumulative = true;
        for (int k = 0; k < n && noCumulative; k++) {
            noCumulative = draws[k] == withoutCumulativeSum(p, same.nextDouble());
        }
        Expect.that(!noCumulative, "each probability is compared with u on its own (p_k > u): add them up as you go and "
                + "return the first k with p_0 + ... + p_k > u (a running, cumulative sum)");
        for (int k = 0; k < 3; k++) {
            double f = counts[k] / (double) n;
            Expect.that(Math.abs(f - p[k]) < 0.02,
                    "index %d came up %.3f of the time, expected %.2f%s", k, f, p[k],
                    Math.abs(counts[0] - counts[2]) < 0.03 * n ? ": the draws look uniform; use the probabilities" : "");
        }
    }

    @Test
    @Order(9)
    @DisplayName("sampling: the same seed gives the same draws (only the given Random is used)")
    void reproducible(CharLoopParts parts) {
        Matrix p = Matrix.row(0.25, 0.25, 0.25, 0.25);
        Random a = new Random(7);
        Random b = new Random(7);
        for (int k = 0; k < 50; k++) {
            Expect.that(parts.sample(p, a) == parts.sample(p, b),
                    "two Randoms with the same seed gave different draws: draw only from the Random you are given");
        }
    }

    /** The draw of a sampler that forgot the cumulative sum: the first k with p_k > u, else the last. */
    static int withoutCumulativeSum(double[] p, double u) {
        for (int k = 0; k < p.length; k++) {
            if (p[k] > u) {
                return k;
            }
        }
        return p.length - 1;
    }
}

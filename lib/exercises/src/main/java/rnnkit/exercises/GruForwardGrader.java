package rnnkit.exercises;

import static rnnkit.exercises.Fixtures.copy;
import static rnnkit.exercises.Fixtures.fill;
import static rnnkit.exercises.Fixtures.oneMinus;
import static rnnkit.exercises.Fixtures.sigmoid;
import static rnnkit.exercises.Fixtures.tanh;
import static rnnkit.exercises.Fixtures.uniform;
import static rnnkit.exercises.Fixtures.zero;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import rnnkit.cells.GruCell;
import rnnkit.cells.State;
import rnnkit.params.Parameters;
import rnnkit.grading.Expect;
import rnnkit.grading.Mistake;
import rnnkit.grading.Submission;
import rnnkit.tensor.Matrix;

/**
 * Grades exercise 3 ({@link GruForward}) against {@link GruCell} in its default form. Gates are
 * forced open (bias +30, σ = 1) or shut (bias -30, σ = 0) to test one term at a time.
 */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class GruForwardGrader {

    static final int X = 3;
    static final int H = 4;
    static final int B = 2;

    /** Known mistakes, in the order a message names them when several give the same result. */
    static final Map<String, String> MISTAKES = new LinkedHashMap<>();

    static {
        MISTAKES.put("z weights hPrev", "z weights the candidate here: h_t = z ⊙ hTilde + (1 - z) ⊙ h_{t-1} (you weighted h_{t-1} with z)");
        MISTAKES.put("z r swapped", "the gates are swapped: r resets h_{t-1} inside the candidate, z mixes candidate and h_{t-1}");
        MISTAKES.put("no reset", "the reset gate is not applied: the candidate uses (r ⊙ h_{t-1}) Whh");
        MISTAKES.put("reset after product", "the reset is applied after the product: use (r ⊙ h_{t-1}) Whh, not r ⊙ (h_{t-1} Whh)");
        MISTAKES.put("tanh gates", "a gate is computed with tanh: z and r use the sigmoid σ");
        MISTAKES.put("sigmoid candidate", "the candidate uses σ: hTilde = tanh(...)");
        MISTAKES.put("relu candidate", "the candidate uses ReLU: hTilde = tanh(...), whose values lie in (-1, 1)");
        MISTAKES.put("r with z weights", "the reset gate r is computed with the update gate's weights (Wxz, Whz, bz): r = σ(x Wxr + h_{t-1} Whr + br)");
        MISTAKES.put("z with r weights", "the update gate z is computed with the reset gate's weights (Wxr, Whr, br): z = σ(x Wxz + h_{t-1} Whz + bz)");
        MISTAKES.put("candidate with z weights", "the candidate is computed with the update gate's weights: hTilde = tanh(x Wxh + (r ⊙ h_{t-1}) Whh + bh)");
        MISTAKES.put("candidate only", "h_t is the candidate alone: interpolate z ⊙ hTilde + (1 - z) ⊙ h_{t-1}");
    }

    final Random random = new Random(31);
    final GruCell cell = new GruCell(X, H, 7);
    final Matrix x = uniform(B, X, random);
    final Matrix hPrev = uniform(B, H, random);

    @Test
    @Order(1)
    @DisplayName("step returns (B, H)")
    void shape(GruForward gru) {
        Matrix h = gru.step(x.copy(), hPrev.copy(), copy(cell));
        Expect.that(h != null, "step returned null");
        Expect.that(h.rows() == B && h.cols() == H, "step returned shape %s, expected (%d, %d) = (B, H)", h.shape(), B, H);
    }

    @Test
    @Order(2)
    @DisplayName("update gate shut (bz = -30, z = 0): h_t = h_{t-1}")
    void updateShut(GruForward gru) {
        fill(cell, -30, "bz");
        check("h with z = 0", gru);
    }

    @Test
    @Order(3)
    @DisplayName("both gates open (z = r = 1): h_t = tanh(x Wxh + h_{t-1} Whh + bh)")
    void gatesOpen(GruForward gru) {
        fill(cell, 30, "bz", "br");
        cell.parameters().get("bh").copyFromInPlace(uniform(1, H, random));
        check("h with z = r = 1", gru);
    }

    @Test
    @Order(4)
    @DisplayName("reset gate shut (r = 0), update open: the candidate ignores h_{t-1}")
    void resetShut(GruForward gru) {
        fill(cell, 30, "bz");
        fill(cell, -30, "br");
        check("h with r = 0, z = 1", gru);
    }

    @Test
    @Order(5)
    @DisplayName("gate weights zero: z = r = σ(0) = 0.5")
    void gatesAreSigmoids(GruForward gru) {
        zero(cell, "Wxz", "Whz", "bz", "Wxr", "Whr", "br");
        check("h with z = r = 0.5", gru);
    }

    @Test
    @Order(6)
    @DisplayName("reset before the product: (r ⊙ h_{t-1}) Whh")
    void resetBeforeProduct(GruForward gru) {
        fill(cell, 30, "bz");
        cell.parameters().get("br").copyFromInPlace(uniform(1, H, random));
        check("h with z = 1", gru);
    }

    @Test
    @Order(7)
    @DisplayName("all terms: matches GruCell")
    void fullStep(GruForward gru) {
        for (String b : List.of("bz", "br", "bh")) {
            cell.parameters().get(b).copyFromInPlace(uniform(1, H, random));
        }
        check("h", gru);
    }

    @Test
    @Order(8)
    @DisplayName("step and forward leave their inputs and the parameters unchanged")
    void leavesInputsAlone(GruForward gru) {
        for (String b : List.of("bz", "br", "bh")) {
            cell.parameters().get(b).copyFromInPlace(uniform(1, H, random));
        }
        Inputs step = new Inputs();
        gru.step(step.of("x", x), step.of("hPrev", hPrev), step.of(cell.parameters()));
        step.unchanged("step");
        Inputs forward = new Inputs();
        gru.forward(forward.of("xs", Fixtures.sequence(3, B, X, random)), forward.of("h0", uniform(B, H, random)),
                forward.of(cell.parameters()));
        forward.unchanged("forward");
    }

    @Test
    @Order(9)
    @DisplayName("forward over 5 steps from h0 matches GruCell")
    void sequence(GruForward gru) {
        for (String b : List.of("bz", "br", "bh")) {
            cell.parameters().get(b).copyFromInPlace(uniform(1, H, random));
        }
        List<Matrix> xs = Fixtures.sequence(5, B, X, random);
        Matrix h0 = uniform(B, H, random);
        List<Matrix> expected = cell.forward(xs, State.of(h0)).hs();
        List<Matrix> actual = gru.forward(Fixtures.copies(xs), h0.copy(), copy(cell));
        Expect.that(actual != null && actual.size() == xs.size(), "forward must return h_1 .. h_T (%d states), got %s",
                xs.size(), actual == null ? "null" : actual.size());
        List<Matrix> zeroStart = cell.forward(xs).hs();
        for (int t = 0; t < xs.size(); t++) {
            Expect.close("h_" + (t + 1), actual.get(t), expected.get(t),
                    new Mistake("each step starts from h0: feed the state you just computed back in as h_{t-1}",
                            Fixtures.refStep(cell, xs.get(t), State.of(h0))),
                    new Mistake("the sequence ignores h0 (it starts from zeros)", zeroStart.get(t)),
                    new Mistake("the list is shifted by one: it starts with h0 instead of h_1", t == 0 ? h0 : expected.get(t - 1)));
        }
    }

    /** Compares a step with GruCell and with every known mistake, for the cell's current parameters. */
    private void check(String what, GruForward gru) {
        Matrix actual = gru.step(x.copy(), hPrev.copy(), copy(cell));
        List<Mistake> known = new ArrayList<>();
        for (Map.Entry<String, String> m : MISTAKES.entrySet()) {
            known.add(new Mistake(m.getValue(), gru(x, hPrev, cell.parameters(), m.getKey())));
        }
        Expect.close(what, actual, Fixtures.refStep(cell, x, State.of(hPrev)), known);
    }

    /** One GRU step with one known mistake switched on. */
    static Matrix gru(Matrix x, Matrix hPrev, Parameters p, String mistake) {
        boolean tanhGates = mistake.equals("tanh gates");
        String zg = mistake.equals("z with r weights") ? "r" : "z";
        String rg = mistake.equals("r with z weights") ? "z" : "r";
        String hg = mistake.equals("candidate with z weights") ? "z" : "h";
        Matrix z = Fixtures.affine(x, p.get("Wx" + zg), hPrev, p.get("Wh" + zg), p.get("b" + zg));
        Matrix r = Fixtures.affine(x, p.get("Wx" + rg), hPrev, p.get("Wh" + rg), p.get("b" + rg));
        z = tanhGates ? tanh(z) : sigmoid(z);
        r = tanhGates ? tanh(r) : sigmoid(r);
        if (mistake.equals("z r swapped")) {
            Matrix t = z;
            z = r;
            r = t;
        }
        Matrix pre = switch (mistake) {
            case "no reset" -> Fixtures.affine(x, p.get("Wxh"), hPrev, p.get("Whh"), p.get("bh"));
            case "reset after product" -> x.matmul(p.get("Wxh")).plus(r.times(hPrev.matmul(p.get("Whh")))).plusRow(p.get("bh"));
            default -> Fixtures.affine(x, p.get("Wx" + hg), r.times(hPrev), p.get("Wh" + hg), p.get("b" + hg));
        };
        Matrix hTilde = switch (mistake) {
            case "sigmoid candidate" -> sigmoid(pre);
            case "relu candidate" -> Fixtures.relu(pre);
            default -> tanh(pre);
        };
        return switch (mistake) {
            case "z weights hPrev" -> z.times(hPrev).plus(oneMinus(z).times(hTilde));
            case "candidate only" -> hTilde;
            default -> z.times(hTilde).plus(oneMinus(z).times(hPrev));
        };
    }
}

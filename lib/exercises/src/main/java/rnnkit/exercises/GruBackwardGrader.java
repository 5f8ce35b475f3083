package rnnkit.exercises;

import static rnnkit.exercises.Fixtures.oneMinus;
import static rnnkit.exercises.Fixtures.uniform;

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

import rnnkit.cells.CellGradients;
import rnnkit.cells.GruCell;
import rnnkit.cells.State;
import rnnkit.grading.Mistake;
import rnnkit.grading.Expect;
import rnnkit.grading.Submission;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * Grades exercise 6 ({@link GruBackward}) term by term against {@link GruCell#backward} (default
 * form, one step), then by finite differences of L = sum(dh ⊙ h).
 */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class GruBackwardGrader {

    static final int X = 3;
    static final int H = 4;
    static final int B = 2;

    /** Known mistakes, in the order a message names them when several give the same result. */
    static final Map<String, String> MISTAKES = new LinkedHashMap<>();

    static {
        MISTAKES.put("dz sign", "the update gate's gradient has the wrong sign: h = z ⊙ hTilde + (1 - z) ⊙ h_{t-1}, "
                + "so a small change of z moves h by (hTilde - h_{t-1}), not (h_{t-1} - hTilde)");
        MISTAKES.put("no direct path", "dh_{t-1} misses the direct path: h_{t-1} reaches h through (1 - z) ⊙ h_{t-1} too, "
                + "not only through the gates and the candidate");
        MISTAKES.put("dWhh with hPrev", "the candidate's recurrent input is r ⊙ h_{t-1}, not h_{t-1}: dWhh pairs da with "
                + "what was multiplied by Whh in the forward pass");
        MISTAKES.put("dr without hPrev", "the reset gate multiplies h_{t-1}: the gradient reaching r is what reaches "
                + "(r ⊙ h_{t-1}), times h_{t-1}");
        MISTAKES.put("no reset path", "dh_{t-1} misses the path through the candidate: h_{t-1} enters hTilde as r ⊙ h_{t-1}, "
                + "so what reaches (r ⊙ h_{t-1}) flows on to h_{t-1} times r");
        MISTAKES.put("tanh' at h", "the tanh derivative is taken at the wrong value: the candidate's tanh produced hTilde, "
                + "so its derivative is 1 - hTilde², not 1 - h²");
        MISTAKES.put("no tanh'", "the candidate's tanh derivative is missing (1 - hTilde²)");
        MISTAKES.put("no sigmoid'", "a gate's gradient misses σ' = s ⊙ (1 - s): z and r are sigmoids of their pre-activations");
        MISTAKES.put("no dz", "the update gate gets no gradient: z appears twice in h, once with hTilde and once with h_{t-1}");
        MISTAKES.put("dhTilde without z", "the candidate's gradient misses z: hTilde enters h as z ⊙ hTilde");
    }

    final Random random = new Random(61);
    final GruCell cell = new GruCell(X, H, 17);
    final Matrix x = uniform(B, X, random);
    final Matrix hPrev = uniform(B, H, random);

    private void randomBiases() {
        for (String b : List.of("bz", "br", "bh")) {
            cell.parameters().get(b).copyFromInPlace(uniform(1, H, random));
        }
    }

    /** Runs the student's backward on copies; the grader's own x, hPrev and parameters stay as they are. */
    private GruGradients run(GruBackward gru, Matrix dh, Inputs handed) {
        Parameters p = handed.of(cell.parameters());
        Matrix xs = handed.of("x", x);
        Matrix hs = handed.of("hPrev", hPrev);
        GruStep forward = GruStep.forward(x, hPrev, cell.parameters());
        GruStep given = new GruStep(handed.of("step.z()", forward.z()), handed.of("step.r()", forward.r()),
                handed.of("step.hTilde()", forward.hTilde()), handed.of("step.h()", forward.h()));
        GruGradients g = gru.backward(xs, hs, p, given, handed.of("dh", dh));
        Expect.that(g != null && g.parameters() != null,
                "backward must return new GruGradients(parameter gradients, dx, dhPrev); start from p.zerosLike()");
        return g;
    }

    private void check(GruBackward gru, String... names) {
        Matrix dh = uniform(B, H, random);
        GruGradients actual = run(gru, dh, new Inputs());
        CellGradients ref = cell.backward(cell.forward(List.of(x), State.of(hPrev)), List.of(dh), null);
        GruGradients expected = new GruGradients(ref.parameters(), ref.inputs().get(0), ref.initialState().h());
        for (String name : names) {
            List<Mistake> known = new ArrayList<>();
            for (Map.Entry<String, String> m : MISTAKES.entrySet()) {
                known.add(new Mistake(m.getValue(), part(backward(x, hPrev, cell.parameters(), dh, m.getKey()), name)));
            }
            if (!name.startsWith("d")) {
                Expect.that(actual.parameters().has(name), "no gradient named %s: start from p.zerosLike(), which has every name", name);
            }
            Expect.close(name.startsWith("d") ? name : "d" + name, part(actual, name), part(expected, name), known);
        }
    }

    @Test
    @Order(1)
    @DisplayName("returns a gradient for every parameter, shaped like it, dx (B, X) and dhPrev (B, H)")
    void shapes(GruBackward gru) {
        GruGradients g = run(gru, uniform(B, H, random), new Inputs());
        for (String n : cell.parameters().names()) {
            Matrix w = cell.parameters().get(n);
            Expect.that(g.parameters().has(n), "no gradient named %s: start from p.zerosLike(), which has every name", n);
            Matrix d = g.parameters().get(n);
            Expect.that(d.rows() == w.rows() && d.cols() == w.cols(), "d%s has shape %s, expected %s (the shape of %s)%s",
                    n, d.shape(), w.shape(), n, n.startsWith("b") && d.rows() == B ? ": sum over the batch (the rows)" : "");
        }
        Expect.that(g.dx() != null && g.dx().rows() == B && g.dx().cols() == X, "dx must be (B, X) = (%d, %d)", B, X);
        Expect.that(g.dhPrev() != null && g.dhPrev().rows() == B && g.dhPrev().cols() == H, "dhPrev must be (B, H) = (%d, %d)", B, H);
    }

    @Test
    @Order(2)
    @DisplayName("the candidate's bias: dbh")
    void candidateBias(GruBackward gru) {
        randomBiases();
        check(gru, "bh");
    }

    @Test
    @Order(3)
    @DisplayName("the candidate's weights: dWxh and dWhh")
    void candidateWeights(GruBackward gru) {
        randomBiases();
        check(gru, "Wxh", "Whh");
    }

    @Test
    @Order(4)
    @DisplayName("the update gate: dbz, dWxz, dWhz")
    void updateGate(GruBackward gru) {
        randomBiases();
        check(gru, "bz", "Wxz", "Whz");
    }

    @Test
    @Order(5)
    @DisplayName("the reset gate: dbr, dWxr, dWhr")
    void resetGate(GruBackward gru) {
        randomBiases();
        check(gru, "br", "Wxr", "Whr");
    }

    @Test
    @Order(6)
    @DisplayName("dx: the input reaches h through z, r and the candidate")
    void input(GruBackward gru) {
        randomBiases();
        check(gru, "dx");
    }

    @Test
    @Order(7)
    @DisplayName("dhPrev: four paths (direct, z, r, candidate)")
    void previousState(GruBackward gru) {
        randomBiases();
        check(gru, "dhPrev");
    }

    @Test
    @Order(8)
    @DisplayName("agrees with finite differences of L = sum(dh ⊙ h)")
    void finiteDifferences(GruBackward gru) {
        randomBiases();
        Matrix dh = uniform(B, H, random);
        GruGradients g = run(gru, dh, new Inputs());
        Random pick = new Random(8);
        Fixtures.agreesWithFiniteDifferences(cell.parameters(), g.parameters(), List.of("Whz", "br", "Wxh", "Whh", "Wxr"), pick,
                () -> GruStep.forward(x, hPrev, cell.parameters()).h().times(dh).sum(), "");
    }

    @Test
    @Order(9)
    @DisplayName("leaves x, hPrev, the parameters, the forward values and dh unchanged")
    void leavesInputsAlone(GruBackward gru) {
        randomBiases();
        Inputs handed = new Inputs();
        run(gru, uniform(B, H, random), handed);
        handed.unchanged("backward");
    }

    private static Matrix part(GruGradients g, String name) {
        return switch (name) {
            case "dx" -> g.dx();
            case "dhPrev" -> g.dhPrev();
            default -> g.parameters().has(name) ? g.parameters().get(name) : null;
        };
    }

    /** One backward step with one known mistake switched on ("none" for the correct one). */
    static GruGradients backward(Matrix x, Matrix hPrev, Parameters p, Matrix dh, String mistake) {
        GruStep f = GruStep.forward(x, hPrev, p);
        Matrix z = f.z();
        Matrix r = f.r();
        Matrix hTilde = f.hTilde();
        Matrix dhTilde = mistake.equals("dhTilde without z") ? dh : dh.times(z);
        Matrix dz = switch (mistake) {
            case "dz sign" -> dh.times(hPrev.minus(hTilde));
            case "no dz" -> Matrix.zeros(dh.rows(), dh.cols());
            default -> dh.times(hTilde.minus(hPrev));
        };
        Matrix tanhAt = mistake.equals("tanh' at h") ? f.h() : hTilde;
        Matrix daH = mistake.equals("no tanh'") ? dhTilde : dhTilde.times(tanhAt.map(v -> 1 - v * v));
        Matrix dRh = daH.matmulTransB(p.get("Whh"));
        Matrix dr = mistake.equals("dr without hPrev") ? dRh : dRh.times(hPrev);
        boolean plain = mistake.equals("no sigmoid'");
        Matrix daZ = plain ? dz : dz.times(z.map(v -> v * (1 - v)));
        Matrix daR = plain ? dr : dr.times(r.map(v -> v * (1 - v)));
        Parameters g = p.zerosLike();
        g.get("Wxh").addInPlace(x.matmulTransA(daH));
        g.get("Whh").addInPlace((mistake.equals("dWhh with hPrev") ? hPrev : r.times(hPrev)).matmulTransA(daH));
        g.get("bh").addInPlace(daH.sumRows());
        g.get("Wxz").addInPlace(x.matmulTransA(daZ));
        g.get("Whz").addInPlace(hPrev.matmulTransA(daZ));
        g.get("bz").addInPlace(daZ.sumRows());
        g.get("Wxr").addInPlace(x.matmulTransA(daR));
        g.get("Whr").addInPlace(hPrev.matmulTransA(daR));
        g.get("br").addInPlace(daR.sumRows());
        Matrix dx = daH.matmulTransB(p.get("Wxh")).plus(daZ.matmulTransB(p.get("Wxz"))).plus(daR.matmulTransB(p.get("Wxr")));
        Matrix dhPrev = daZ.matmulTransB(p.get("Whz")).plus(daR.matmulTransB(p.get("Whr")));
        if (!mistake.equals("no direct path")) {
            dhPrev = dhPrev.plus(dh.times(oneMinus(z)));
        }
        if (!mistake.equals("no reset path")) {
            dhPrev = dhPrev.plus(dRh.times(r));
        }
        return new GruGradients(g, dx, dhPrev);
    }
}

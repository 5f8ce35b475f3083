package rnnkit.exercises;

import static rnnkit.exercises.Fixtures.copy;
import static rnnkit.exercises.Fixtures.fill;
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

import rnnkit.cells.CellGradients;
import rnnkit.cells.LstmCell;
import rnnkit.cells.State;
import rnnkit.cells.Trace;
import rnnkit.params.Parameters;
import rnnkit.grading.Expect;
import rnnkit.grading.Mistake;
import rnnkit.grading.Submission;
import rnnkit.tensor.Matrix;

/**
 * Grades exercise 4 ({@link LstmStep}) against {@link LstmCell} (standard form), one step forward
 * and backward, and against finite differences of L = sum(dh ⊙ h) + sum(dc ⊙ c).
 */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class LstmStepGrader {

    static final int X = 3;
    static final int H = 4;
    static final int B = 2;
    static final List<String> GATES = List.of("i", "f", "o", "g");
    static final Map<String, String> GATE_NAMES = Map.of("i", "input gate i", "f", "forget gate f", "o", "output gate o",
            "g", "candidate g");

    static final Map<String, String> FORWARD_MISTAKES = new LinkedHashMap<>();
    static final Map<String, String> BACKWARD_MISTAKES = new LinkedHashMap<>();

    static {
        FORWARD_MISTAKES.put("forget tanh", "the forget gate is computed with tanh: f = σ(x Wxf + h_{t-1} Whf + bf)");
        FORWARD_MISTAKES.put("i f swapped", "the gates are in the wrong places: c = f ⊙ c_{t-1} + i ⊙ g (you swapped i and f)");
        FORWARD_MISTAKES.put("no input gate", "the input gate is missing: c = f ⊙ c_{t-1} + i ⊙ g");
        FORWARD_MISTAKES.put("candidate sigmoid", "the candidate g is computed with σ: g = tanh(...)");
        FORWARD_MISTAKES.put("h no tanh", "h = o ⊙ tanh(c): the tanh of the new cell state is missing");
        FORWARD_MISTAKES.put("h tanh outside", "h = o ⊙ tanh(c), not tanh(o ⊙ c)");
        FORWARD_MISTAKES.put("h from cPrev", "h uses the old cell state: h = o ⊙ tanh(c_t) with the new c_t");
        FORWARD_MISTAKES.put("candidate relu", "the candidate g uses ReLU: g = tanh(...), whose values lie in (-1, 1)");
        for (String gate : GATES) {
            for (String other : GATES) {
                if (!gate.equals(other)) {
                    FORWARD_MISTAKES.put(gate + " with " + other, String.format(
                            "the %s is computed with the %s's weights (Wx%s, Wh%s, b%s): use Wx%s, Wh%s, b%s",
                            GATE_NAMES.get(gate), GATE_NAMES.get(other), other, other, other, gate, gate, gate));
                }
            }
        }
        BACKWARD_MISTAKES.put("no tanh' on c", "the path from h to c misses tanh': dc = dh ⊙ o ⊙ (1 - tanh²(c)) + dNext.c");
        BACKWARD_MISTAKES.put("dc ignores dNext.c", "dc must add the gradient arriving at c_t (dNext.c()) to the one from h");
        BACKWARD_MISTAKES.put("dcPrev no f", "dc_{t-1} = dc ⊙ f: the forget gate scales what flows back to c_{t-1}");
        BACKWARD_MISTAKES.put("dO uses c", "do = dh ⊙ tanh(c), not dh ⊙ c");
        BACKWARD_MISTAKES.put("no sigmoid'", "the gate gradients miss σ' = s (1 - s) (e.g. di_raw = di ⊙ i ⊙ (1 - i))");
        BACKWARD_MISTAKES.put("no transpose", "dx and dh_{t-1} take the transposed weights: da Wx^T, da Wh^T");
    }

    final Random random = new Random(41);
    final LstmCell cell = new LstmCell(X, H, 13);
    final Matrix x = uniform(B, X, random);
    final State prev = State.of(uniform(B, H, random), uniform(B, H, random));

    private void randomBiases() {
        for (String g : GATES) {
            cell.parameters().get("b" + g).copyFromInPlace(uniform(1, H, random));
        }
    }

    @Test
    @Order(1)
    @DisplayName("forward returns a state with h and c, each (B, H)")
    void shapes(LstmStep lstm) {
        State s = lstm.forward(x.copy(), prev.copy(), copy(cell));
        Expect.that(s != null, "forward returned null: return State.of(h, c)");
        Expect.that(s.has("c"), "forward returned a state without c: return State.of(h, c)");
        Expect.that(s.h().rows() == B && s.h().cols() == H, "h has shape %s, expected (%d, %d)", s.h().shape(), B, H);
        Expect.that(s.c().rows() == B && s.c().cols() == H, "c has shape %s, expected (%d, %d)", s.c().shape(), B, H);
    }

    @Test
    @Order(2)
    @DisplayName("forget-gate weights zero (f = σ(0) = 0.5), input gate shut: c = 0.5 c_{t-1}")
    void forgetIsSigmoid(LstmStep lstm) {
        zero(cell, "Wxf", "Whf", "bf");
        fill(cell, -30, "bi");
        checkForward(lstm, "c");
    }

    @Test
    @Order(3)
    @DisplayName("forget gate shut (bf = -30): c = i ⊙ g")
    void inputAndCandidate(LstmStep lstm) {
        randomBiases();
        fill(cell, -30, "bf");
        checkForward(lstm, "c");
    }

    @Test
    @Order(4)
    @DisplayName("h = o ⊙ tanh(c_t)")
    void output(LstmStep lstm) {
        randomBiases();
        checkForward(lstm, "h");
    }

    @Test
    @Order(5)
    @DisplayName("forward matches LstmCell (h and c)")
    void forward(LstmStep lstm) {
        randomBiases();
        checkForward(lstm, "c");
        checkForward(lstm, "h");
    }

    @Test
    @Order(6)
    @DisplayName("backward, only dc arrives (dh = 0): dc_{t-1} and the gate gradients")
    void backwardFromC(LstmStep lstm) {
        randomBiases();
        checkBackward(lstm, State.of(Matrix.zeros(B, H), uniform(B, H, random)), "dc_prev", "bf", "bi", "bg", "Wxf");
    }

    @Test
    @Order(7)
    @DisplayName("backward, only dh arrives (dc = 0): through h = o ⊙ tanh(c)")
    void backwardFromH(LstmStep lstm) {
        randomBiases();
        checkBackward(lstm, State.of(uniform(B, H, random), Matrix.zeros(B, H)), "bo", "dc_prev", "bi", "bf", "bg");
    }

    @Test
    @Order(8)
    @DisplayName("backward matches LstmCell: every parameter, dx, dh_{t-1}, dc_{t-1}")
    void backward(LstmStep lstm) {
        randomBiases();
        String[] all = {"dc_prev", "dh_prev", "dx", "Wxi", "Whi", "bi", "Wxf", "Whf", "bf", "Wxo", "Who", "bo", "Wxg", "Whg", "bg"};
        checkBackward(lstm, State.of(uniform(B, H, random), uniform(B, H, random)), all);
    }

    @Test
    @Order(9)
    @DisplayName("backward agrees with finite differences")
    void finiteDifferences(LstmStep lstm) {
        randomBiases();
        State dNext = State.of(uniform(B, H, random), uniform(B, H, random));
        LstmGradients g = lstm.backward(x.copy(), prev.copy(), copy(cell), dNext.copy());
        Expect.that(g != null && g.parameters() != null, "backward returned no parameter gradients");
        Random pick = new Random(5);
        Fixtures.agreesWithFiniteDifferences(cell.parameters(), g.parameters(), List.of("Whf", "bi", "Wxo", "Whg"), pick,
                () -> loss(dNext), ": use the parameter names (p.zerosLike() gives them)");
    }

    @Test
    @Order(10)
    @DisplayName("forward and backward leave x, the previous state, dNext and the parameters unchanged")
    void leavesInputsAlone(LstmStep lstm) {
        randomBiases();
        Inputs forward = new Inputs();
        lstm.forward(forward.of("x", x), forward.of("prev", prev), forward.of(cell.parameters()));
        forward.unchanged("forward");
        Inputs backward = new Inputs();
        lstm.backward(backward.of("x", x), backward.of("prev", prev), backward.of(cell.parameters()),
                backward.of("dNext", State.of(uniform(B, H, random), uniform(B, H, random))));
        backward.unchanged("backward");
    }

    private double loss(State dNext) {
        State s = cell.forward(List.of(x), prev).finalState();
        return s.h().times(dNext.h()).sum() + s.c().times(dNext.c()).sum();
    }

    private void checkForward(LstmStep lstm, String part) {
        State actual = lstm.forward(x.copy(), prev.copy(), copy(cell));
        Expect.that(actual != null && actual.has("c"), "forward must return State.of(h, c)");
        State expected = cell.forward(List.of(x), prev).finalState();
        List<Mistake> known = new ArrayList<>();
        known.add(new Mistake("h and c are swapped: return State.of(h, c), in that order", expected.get(part.equals("h") ? "c" : "h")));
        for (Map.Entry<String, String> m : FORWARD_MISTAKES.entrySet()) {
            known.add(new Mistake(m.getValue(), lstm(x, prev, cell.parameters(), m.getKey()).get(part)));
        }
        Expect.close(part, actual.get(part), expected.get(part), known);
    }

    private void checkBackward(LstmStep lstm, State dNext, String... names) {
        LstmGradients actual = lstm.backward(x.copy(), prev.copy(), copy(cell), dNext.copy());
        Expect.that(actual != null && actual.parameters() != null && actual.dPrev() != null,
                "backward must return new LstmGradients(parameter gradients, dx, State.of(dhPrev, dcPrev))");
        Trace trace = cell.forward(List.of(x), prev);
        CellGradients expected = cell.backward(trace, null, dNext);
        for (String name : names) {
            List<Mistake> known = new ArrayList<>();
            for (Map.Entry<String, String> m : BACKWARD_MISTAKES.entrySet()) {
                known.add(new Mistake(m.getValue(), part(backward(x, prev, cell.parameters(), dNext, m.getKey()), name)));
            }
            LstmGradients want = new LstmGradients(expected.parameters(), expected.inputs().get(0), expected.initialState());
            if (!name.startsWith("d")) {
                Expect.that(actual.parameters().has(name), "no gradient named %s: use the parameter names (p.zerosLike() gives them)", name);
            }
            Expect.close(name.startsWith("d") ? name : "d" + name, part(actual, name), part(want, name), known);
        }
    }

    private static Matrix part(LstmGradients g, String name) {
        return switch (name) {
            case "dx" -> g.dx();
            case "dh_prev" -> g.dPrev().h();
            case "dc_prev" -> g.dPrev().has("c") ? g.dPrev().c() : null;
            default -> g.parameters().get(name);
        };
    }

    /** One forward step with one known mistake switched on. */
    static State lstm(Matrix x, State prev, Parameters p, String mistake) {
        Matrix hPrev = prev.h();
        Matrix cPrev = prev.c();
        Map<String, Matrix> pre = new LinkedHashMap<>();
        for (String gate : GATES) {
            String w = mistake.startsWith(gate + " with ") ? mistake.substring(mistake.length() - 1) : gate;
            pre.put(gate, Fixtures.affine(x, p.get("Wx" + w), hPrev, p.get("Wh" + w), p.get("b" + w)));
        }
        Matrix i = sigmoid(pre.get("i"));
        Matrix fa = pre.get("f");
        Matrix f = mistake.equals("forget tanh") ? tanh(fa) : sigmoid(fa);
        Matrix o = sigmoid(pre.get("o"));
        Matrix ga = pre.get("g");
        Matrix g = switch (mistake) {
            case "candidate sigmoid" -> sigmoid(ga);
            case "candidate relu" -> Fixtures.relu(ga);
            default -> tanh(ga);
        };
        Matrix c = switch (mistake) {
            case "i f swapped" -> i.times(cPrev).plus(f.times(g));
            case "no input gate" -> f.times(cPrev).plus(g);
            default -> f.times(cPrev).plus(i.times(g));
        };
        Matrix h = switch (mistake) {
            case "h no tanh" -> o.times(c);
            case "h tanh outside" -> tanh(o.times(c));
            case "h from cPrev" -> o.times(tanh(cPrev));
            default -> o.times(tanh(c));
        };
        return State.of(h, c);
    }

    /** One backward step with one known mistake switched on. */
    static LstmGradients backward(Matrix x, State prev, Parameters p, State dNext, String mistake) {
        Matrix hPrev = prev.h();
        Matrix cPrev = prev.c();
        Matrix i = sigmoid(Fixtures.affine(x, p.get("Wxi"), hPrev, p.get("Whi"), p.get("bi")));
        Matrix f = sigmoid(Fixtures.affine(x, p.get("Wxf"), hPrev, p.get("Whf"), p.get("bf")));
        Matrix o = sigmoid(Fixtures.affine(x, p.get("Wxo"), hPrev, p.get("Who"), p.get("bo")));
        Matrix g = tanh(Fixtures.affine(x, p.get("Wxg"), hPrev, p.get("Whg"), p.get("bg")));
        Matrix c = f.times(cPrev).plus(i.times(g));
        Matrix tanhC = tanh(c);
        Matrix dh = dNext.h();
        Matrix dO = dh.times(mistake.equals("dO uses c") ? c : tanhC);
        Matrix dc = dh.times(o);
        if (!mistake.equals("no tanh' on c")) {
            dc = dc.times(tanhC.map(v -> 1 - v * v));
        }
        if (!mistake.equals("dc ignores dNext.c")) {
            dc = dc.plus(dNext.c());
        }
        Map<String, Matrix> dGate = new LinkedHashMap<>();
        boolean plain = mistake.equals("no sigmoid'");
        dGate.put("i", plain ? dc.times(g) : dc.times(g).times(i.map(v -> v * (1 - v))));
        dGate.put("f", plain ? dc.times(cPrev) : dc.times(cPrev).times(f.map(v -> v * (1 - v))));
        dGate.put("o", plain ? dO : dO.times(o.map(v -> v * (1 - v))));
        dGate.put("g", dc.times(i).times(g.map(v -> 1 - v * v)));
        Parameters grads = p.zerosLike();
        Matrix dx = Matrix.zeros(x.rows(), x.cols());
        Matrix dhPrev = Matrix.zeros(hPrev.rows(), hPrev.cols());
        boolean noT = mistake.equals("no transpose");
        for (String gate : GATES) {
            Matrix da = dGate.get(gate);
            grads.get("Wx" + gate).addInPlace(x.matmulTransA(da));
            grads.get("Wh" + gate).addInPlace(hPrev.matmulTransA(da));
            grads.get("b" + gate).addInPlace(da.sumRows());
            Matrix wx = p.get("Wx" + gate);
            Matrix wh = p.get("Wh" + gate);
            if (noT && wx.rows() == wx.cols()) {
                dx.addInPlace(da.matmul(wx));
            } else if (!noT) {
                dx.addInPlace(da.matmulTransB(wx));
            }
            dhPrev.addInPlace(noT ? da.matmul(wh) : da.matmulTransB(wh));
        }
        Matrix dcPrev = mistake.equals("dcPrev no f") ? dc : dc.times(f);
        return new LstmGradients(grads, noT ? null : dx, State.of(dhPrev, dcPrev));
    }
}

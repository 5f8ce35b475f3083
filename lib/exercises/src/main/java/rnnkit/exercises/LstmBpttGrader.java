package rnnkit.exercises;

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
import rnnkit.cells.LstmCell;
import rnnkit.cells.State;
import rnnkit.grading.Mistake;
import rnnkit.grading.Expect;
import rnnkit.grading.Submission;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * Grades exercise 7 ({@link LstmBptt}) against {@link LstmCell#backward} over whole sequences, with a
 * correct step given, and by finite differences of L = Σ_t sum(dhs_t ⊙ h_t).
 */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class LstmBpttGrader {

    static final int X = 3;
    static final int H = 4;
    static final int B = 2;

    static final Map<String, String> MISTAKES = new LinkedHashMap<>();

    static {
        MISTAKES.put("no dc carry", "the cell state's gradient is not carried back: what step t's backward returns for "
                + "c_{t-1} must arrive at step t-1 as its dNext.c()");
        MISTAKES.put("no dh carry", "the hidden state's gradient is not carried back: step t-1's dNext.h() is dhs_{t-1} "
                + "plus what step t returned for h_{t-1}");
        MISTAKES.put("forward in time", "the backward loop walks forward in time: go from t = T down to 1, so that what "
                + "step t+1 hands back is ready when step t needs it");
        MISTAKES.put("overwrite", "the parameter gradients are overwritten at each step: add every step's share (+=)");
        MISTAKES.put("state after", "step t's backward gets the state it produced: give it the state that went in, "
                + "(h_{t-1}, c_{t-1}), as its prev");
        MISTAKES.put("dhs into c", "dhs_t is added to the cell state's gradient: the loss reads h_t, so it belongs in dNext.h()");
        MISTAKES.put("dhs once", "only dhs_T is used: every step's loss gradient dhs_t joins the carried dh at step t");
        MISTAKES.put("dxs reversed", "the list dxs is in backward order: dxs.get(t) must be dL/dx_{t+1}, the same order as xs");
    }

    final Random random = new Random(71);
    final LstmCell cell = new LstmCell(X, H, 19);

    final class Case {
        final List<Matrix> xs;
        final State initial;
        final List<Matrix> dhs;
        final CellGradients expected;
        Inputs handed;

        Case(int steps, boolean onlyLast) {
            for (String b : List.of("bi", "bf", "bo", "bg")) {
                cell.parameters().get(b).copyFromInPlace(uniform(1, H, random));
            }
            xs = Fixtures.sequence(steps, B, X, random);
            initial = State.of(uniform(B, H, random), uniform(B, H, random));
            dhs = new ArrayList<>();
            for (int t = 0; t < steps; t++) {
                dhs.add(onlyLast && t < steps - 1 ? Matrix.zeros(B, H) : uniform(B, H, random));
            }
            expected = cell.backward(cell.forward(xs, initial), dhs, null);
        }

        LstmSequenceGradients run(LstmBptt lstm) {
            handed = new Inputs();
            LstmSequenceGradients g = lstm.backward(handed.of("xs", xs), handed.of("initial", initial), handed.of("dhs", dhs),
                    handed.of(cell.parameters()), new ReferenceLstmStep());
            Expect.that(g != null && g.parameters() != null && g.dxs() != null && g.dInitial() != null,
                    "backward must return new LstmSequenceGradients(parameter gradients, dxs, State.of(dh0, dc0))");
            return g;
        }

        void check(LstmSequenceGradients actual, String name) {
            LstmSequenceGradients want = new LstmSequenceGradients(expected.parameters(), expected.inputs(), expected.initialState());
            List<Mistake> known = new ArrayList<>();
            for (Map.Entry<String, String> m : MISTAKES.entrySet()) {
                known.add(new Mistake(m.getValue(), part(bptt(xs, initial, dhs, cell.parameters(), m.getKey()), name)));
            }
            if (name.startsWith("dx_")) {
                Expect.that(actual.dxs().size() == xs.size(), "dxs holds %d matrices for %d inputs: one dL/dx_t per step",
                        actual.dxs().size(), xs.size());
            } else if (!name.startsWith("d")) {
                Expect.that(actual.parameters().has(name), "no gradient named %s: start from p.zerosLike(), which has every name", name);
            }
            Expect.close(name.startsWith("d") ? name : "d" + name, part(actual, name), part(want, name), known);
        }
    }

    @Test
    @Order(1)
    @DisplayName("one step (T = 1): the same as the given step's backward")
    void oneStep(LstmBptt lstm) {
        Case c = new Case(1, false);
        LstmSequenceGradients g = c.run(lstm);
        for (String n : List.of("bf", "Wxi", "Who", "dh0", "dc0", "dx_1")) {
            c.check(g, n);
        }
    }

    @Test
    @Order(2)
    @DisplayName("T = 4, loss only at the last step: dc and dh carried back to (h0, c0)")
    void carried(LstmBptt lstm) {
        Case c = new Case(4, true);
        LstmSequenceGradients g = c.run(lstm);
        for (String n : List.of("dc0", "dh0", "bf", "Whg")) {
            c.check(g, n);
        }
    }

    @Test
    @Order(3)
    @DisplayName("T = 5, loss at every step: every parameter's gradient summed over the steps")
    void everyParameter(LstmBptt lstm) {
        Case c = new Case(5, false);
        LstmSequenceGradients g = c.run(lstm);
        for (String n : cell.parameters().names()) {
            c.check(g, n);
        }
    }

    @Test
    @Order(4)
    @DisplayName("T = 5: dL/dx_t for every step, in the order of xs, and dL/d(h0, c0)")
    void inputsAndInitial(LstmBptt lstm) {
        Case c = new Case(5, false);
        LstmSequenceGradients g = c.run(lstm);
        for (int t = 1; t <= 5; t++) {
            c.check(g, "dx_" + t);
        }
        c.check(g, "dh0");
        c.check(g, "dc0");
    }

    @Test
    @Order(5)
    @DisplayName("agrees with finite differences of L = Σ_t sum(dhs_t ⊙ h_t)")
    void finiteDifferences(LstmBptt lstm) {
        Case c = new Case(4, false);
        LstmSequenceGradients g = c.run(lstm);
        Random pick = new Random(9);
        Fixtures.agreesWithFiniteDifferences(cell.parameters(), g.parameters(), List.of("Whf", "bi", "Wxo", "Whg"), pick,
                () -> loss(c), "");
    }

    @Test
    @Order(6)
    @DisplayName("leaves xs, the initial state, dhs and the parameters unchanged")
    void leavesInputsAlone(LstmBptt lstm) {
        Case c = new Case(4, false);
        c.run(lstm);
        c.handed.unchanged("backward");
    }

    private double loss(Case c) {
        List<Matrix> hs = cell.forward(c.xs, c.initial).hs();
        double sum = 0;
        for (int t = 0; t < hs.size(); t++) {
            sum += hs.get(t).times(c.dhs.get(t)).sum();
        }
        return sum;
    }

    private static Matrix part(LstmSequenceGradients g, String name) {
        if (name.startsWith("dx_")) {
            int t = Integer.parseInt(name.substring(3)) - 1;
            return t < g.dxs().size() ? g.dxs().get(t) : null;
        }
        return switch (name) {
            case "dh0" -> g.dInitial().h();
            case "dc0" -> g.dInitial().has("c") ? g.dInitial().c() : null;
            default -> g.parameters().has(name) ? g.parameters().get(name) : null;
        };
    }

    /** BPTT over the sequence with one known mistake switched on ("none" for the correct one). */
    static LstmSequenceGradients bptt(List<Matrix> xs, State initial, List<Matrix> dhs, Parameters p, String mistake) {
        ReferenceLstmStep step = new ReferenceLstmStep();
        int steps = xs.size();
        List<State> states = new ArrayList<>();
        states.add(initial);
        for (int t = 0; t < steps; t++) {
            states.add(step.forward(xs.get(t), states.get(t), p));
        }
        Parameters grads = p.zerosLike();
        Matrix[] dxs = new Matrix[steps];
        Matrix dh = Matrix.zeros(initial.h().rows(), initial.h().cols());
        Matrix dc = Matrix.zeros(dh.rows(), dh.cols());
        for (int n = 0; n < steps; n++) {
            int t = mistake.equals("forward in time") ? n : steps - 1 - n;
            Matrix loss = mistake.equals("dhs once") && t != steps - 1 ? Matrix.zeros(dh.rows(), dh.cols()) : dhs.get(t);
            State dNext = mistake.equals("dhs into c") ? State.of(dh, dc.plus(loss)) : State.of(dh.plus(loss), dc);
            State prev = mistake.equals("state after") ? states.get(t + 1) : states.get(t);
            LstmGradients g = step.backward(xs.get(t), prev, p, dNext);
            for (String name : grads.names()) {
                if (mistake.equals("overwrite")) {
                    grads.get(name).copyFromInPlace(g.parameters().get(name));
                } else {
                    grads.get(name).addInPlace(g.parameters().get(name));
                }
            }
            dxs[mistake.equals("dxs reversed") ? steps - 1 - t : t] = g.dx();
            dh = mistake.equals("no dh carry") ? Matrix.zeros(dh.rows(), dh.cols()) : g.dPrev().h();
            dc = mistake.equals("no dc carry") ? Matrix.zeros(dc.rows(), dc.cols()) : g.dPrev().c();
        }
        return new LstmSequenceGradients(grads, List.of(dxs), State.of(dh, dc));
    }
}

package rnnkit.exercises;

import static rnnkit.exercises.GraderAssertions.failsNaming;
import static rnnkit.exercises.GraderAssertions.failsOnly;
import static rnnkit.exercises.GraderAssertions.fullMarks;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import rnnkit.cells.State;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

@DisplayName("LstmBpttGrader")
class LstmBpttGraderTest {

    /** A student's LSTM BPTT over the given step, written as in the notebook, with one mistake switched on by name. */
    static final class Attempt implements LstmBptt {
        final String mistake;

        Attempt(String mistake) {
            this.mistake = mistake;
        }

        @Override
        public LstmSequenceGradients backward(List<Matrix> xs, State initial, List<Matrix> dhs, Parameters p, LstmStep step) {
            int T = xs.size();
            List<State> states = new ArrayList<>(List.of(initial));
            for (Matrix x : xs) {
                states.add(step.forward(x, states.get(states.size() - 1), p));
            }
            Parameters grads = p.zerosLike();
            List<Matrix> dxs = new ArrayList<>();
            for (int t = 0; t < T; t++) {
                dxs.add(null);
            }
            Matrix dh = Matrix.zeros(initial.h().rows(), initial.h().cols());
            Matrix dc = Matrix.zeros(initial.h().rows(), initial.h().cols());
            boolean forward = mistake.equals("loop forward in time");
            for (int t = forward ? 0 : T - 1; forward ? t < T : t >= 0; t += forward ? 1 : -1) {
                Matrix dhNow = mistake.equals("dhs added in place") ? dhs.get(t).addInPlace(dh) : dh.plus(dhs.get(t));
                State prev = mistake.equals("state after the step") ? states.get(t + 1) : states.get(t);
                LstmGradients g = step.backward(xs.get(t), prev, p, State.of(dhNow, dc));
                for (String name : grads.names()) {
                    grads.get(name).addInPlace(g.parameters().get(name));
                }
                dxs.set(t, g.dx());
                dh = g.dPrev().h();
                dc = mistake.equals("dc not carried") ? Matrix.zeros(dc.rows(), dc.cols()) : g.dPrev().c();
            }
            return new LstmSequenceGradients(grads, dxs, State.of(dh, dc));
        }
    }

    @Test
    @DisplayName("the reference solution scores full marks")
    void solution() {
        fullMarks(LstmBpttGrader.class, () -> new Attempt("none"));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("each mistake fails a test that names it")
    @CsvSource(delimiter = '|', value = {
        "dc not carried       | the cell state's gradient is not carried back",
        "loop forward in time | the backward loop walks forward in time",
        "state after the step | give it the state that went in",
    })
    void mistakes(String mistake, String named) {
        failsNaming(LstmBpttGrader.class, () -> new Attempt(mistake), named);
    }

    @Test
    @DisplayName("adding the carried dh into dhs in place is reported once, by the test for unchanged inputs")
    void inPlace() {
        failsOnly(LstmBpttGrader.class, () -> new Attempt("dhs added in place"), "backward changed dhs.get(");
    }
}

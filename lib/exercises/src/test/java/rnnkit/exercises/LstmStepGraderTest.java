package rnnkit.exercises;

import static rnnkit.exercises.GraderAssertions.failsNaming;
import static rnnkit.exercises.GraderAssertions.fullMarks;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import rnnkit.cells.State;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

@DisplayName("LstmStepGrader")
class LstmStepGraderTest {

    static Matrix sigma(Matrix a) {
        return a.map(v -> 1 / (1 + Math.exp(-v)));
    }

    static Matrix pre(Matrix x, Matrix h, Parameters p, String gate) {
        return x.matmul(p.get("Wx" + gate)).plus(h.matmul(p.get("Wh" + gate))).plusRow(p.get("b" + gate));
    }

    /** A student's LSTM step, written as in the notebook, with one mistake switched on by name. */
    static final class Attempt implements LstmStep {
        final String mistake;

        Attempt(String mistake) {
            this.mistake = mistake;
        }

        @Override
        public State forward(Matrix x, State prev, Parameters p) {
            Matrix i = sigma(pre(x, prev.h(), p, "i"));
            Matrix f = mistake.equals("forget with tanh") ? pre(x, prev.h(), p, "f").map(Math::tanh) : sigma(pre(x, prev.h(), p, "f"));
            Matrix o = sigma(pre(x, prev.h(), p, mistake.equals("output gate with the forget weights") ? "f" : "o"));
            Matrix g = pre(x, prev.h(), p, "g").map(mistake.equals("relu candidate") ? v -> Math.max(0, v) : Math::tanh);
            Matrix c = mistake.equals("i and f swapped") ? i.times(prev.c()).plus(f.times(g)) : f.times(prev.c()).plus(i.times(g));
            Matrix h = switch (mistake) {
                case "h = o c" -> o.times(c);
                case "h from old c" -> o.times(prev.c().map(Math::tanh));
                default -> o.times(c.map(Math::tanh));
            };
            if (mistake.equals("c written into prev.c()")) {
                prev.c().copyFromInPlace(c);
            }
            return mistake.equals("h and c swapped") ? State.of(c, h) : State.of(h, c);
        }

        @Override
        public LstmGradients backward(Matrix x, State prev, Parameters p, State dNext) {
            Matrix i = sigma(pre(x, prev.h(), p, "i"));
            Matrix f = sigma(pre(x, prev.h(), p, "f"));
            Matrix o = sigma(pre(x, prev.h(), p, "o"));
            Matrix g = pre(x, prev.h(), p, "g").map(Math::tanh);
            Matrix tanhC = f.times(prev.c()).plus(i.times(g)).map(Math::tanh);
            Matrix dO = dNext.h().times(tanhC);
            Matrix dc = dNext.h().times(o);
            if (!mistake.equals("no tanh' on the c path")) {
                dc = dc.times(tanhC.map(v -> 1 - v * v));
            }
            if (!mistake.equals("dc without dNext.c")) {
                dc = dc.plus(dNext.c());
            }
            Parameters grads = p.zerosLike();
            Matrix dx = Matrix.zeros(x.rows(), x.cols());
            Matrix dhPrev = Matrix.zeros(prev.h().rows(), prev.h().cols());
            Matrix[] da = {
                dc.times(g).times(i.map(v -> v * (1 - v))),
                dc.times(prev.c()).times(f.map(v -> v * (1 - v))),
                mistake.equals("output gate without sigma'") ? dO : dO.times(o.map(v -> v * (1 - v))),
                dc.times(i).times(g.map(v -> 1 - v * v)),
            };
            String[] gates = {"i", "f", "o", "g"};
            for (int k = 0; k < 4; k++) {
                grads.get("Wx" + gates[k]).addInPlace(x.matmulTransA(da[k]));
                grads.get("Wh" + gates[k]).addInPlace(prev.h().matmulTransA(da[k]));
                grads.get("b" + gates[k]).addInPlace(da[k].sumRows());
                dx.addInPlace(da[k].matmulTransB(p.get("Wx" + gates[k])));
                dhPrev.addInPlace(da[k].matmulTransB(p.get("Wh" + gates[k])));
            }
            Matrix dcPrev = mistake.equals("dc_prev without f") ? dc : dc.times(f);
            return new LstmGradients(grads, dx, State.of(dhPrev, dcPrev));
        }
    }

    @Test
    @DisplayName("the reference solution scores full marks")
    void solution() {
        fullMarks(LstmStepGrader.class, () -> new Attempt("none"));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("each mistake fails a test that names it")
    @CsvSource(delimiter = '|', value = {
        "forget with tanh           | the forget gate is computed with tanh",
        "i and f swapped            | you swapped i and f",
        "h = o c                    | the tanh of the new cell state is missing",
        "h from old c               | h uses the old cell state",
        "h and c swapped            | h and c are swapped",
        "no tanh' on the c path     | misses tanh'",
        "dc without dNext.c         | dNext.c()",
        "dc_prev without f          | the forget gate scales what flows back",
        "output gate without sigma' | miss σ'",
        "output gate with the forget weights | the output gate o is computed with the forget gate f's weights",
        "relu candidate             | the candidate g uses ReLU",
    })
    void mistakes(String mistake, String named) {
        failsNaming(LstmStepGrader.class, () -> new Attempt(mistake), named);
    }

    @Test
    @DisplayName("writing c_t into the previous state's matrix is reported once, by the test for unchanged inputs")
    void inPlace() {
        GraderAssertions.failsOnly(LstmStepGrader.class, () -> new Attempt("c written into prev.c()"), "forward changed prev.c()");
    }
}

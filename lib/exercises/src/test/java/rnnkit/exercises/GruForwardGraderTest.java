package rnnkit.exercises;

import static rnnkit.exercises.GraderAssertions.failsNaming;
import static rnnkit.exercises.GraderAssertions.fullMarks;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

@DisplayName("GruForwardGrader")
class GruForwardGraderTest {

    static Matrix sigma(Matrix a) {
        return a.map(v -> 1 / (1 + Math.exp(-v)));
    }

    /** A student's GRU, written as in the notebook, with one mistake switched on by name. */
    static final class Attempt implements GruForward {
        final String mistake;

        Attempt(String mistake) {
            this.mistake = mistake;
        }

        @Override
        public Matrix step(Matrix x, Matrix hPrev, Parameters p) {
            String rw = mistake.equals("reset gate with the update weights") ? "z" : "r";
            Matrix za = x.matmul(p.get("Wxz")).plus(hPrev.matmul(p.get("Whz"))).plusRow(p.get("bz"));
            Matrix ra = x.matmul(p.get("Wx" + rw)).plus(hPrev.matmul(p.get("Wh" + rw))).plusRow(p.get("b" + rw));
            Matrix z = mistake.equals("update gate with tanh") ? za.map(Math::tanh) : sigma(za);
            Matrix r = sigma(ra);
            if (mistake.equals("gates swapped")) {
                Matrix t = z;
                z = r;
                r = t;
            }
            Matrix hTilde = switch (mistake) {
                case "reset after product" -> x.matmul(p.get("Wxh")).plus(r.times(hPrev.matmul(p.get("Whh")))).plusRow(p.get("bh")).map(Math::tanh);
                case "reset forgotten" -> x.matmul(p.get("Wxh")).plus(hPrev.matmul(p.get("Whh"))).plusRow(p.get("bh")).map(Math::tanh);
                case "relu candidate" -> x.matmul(p.get("Wxh")).plus(r.times(hPrev).matmul(p.get("Whh"))).plusRow(p.get("bh")).map(v -> Math.max(0, v));
                default -> x.matmul(p.get("Wxh")).plus(r.times(hPrev).matmul(p.get("Whh"))).plusRow(p.get("bh")).map(Math::tanh);
            };

            Matrix oneMinusZ = z.map(v -> 1 - v);
            return mistake.equals("z weights old state") ? z.times(hPrev).plus(oneMinusZ.times(hTilde))
                    : z.times(hTilde).plus(oneMinusZ.times(hPrev));
        }

        @Override
        public List<Matrix> forward(List<Matrix> xs, Matrix h0, Parameters p) {
            List<Matrix> hs = new ArrayList<>();
            Matrix h = h0;
            for (Matrix x : xs) {
                Matrix next = step(x, h, p);
                hs.add(next);
                if (!mistake.equals("state not fed back")) {
                    h = next;
                }
            }
            return hs;
        }
    }

    @Test
    @DisplayName("the reference solution scores full marks")
    void solution() {
        fullMarks(GruForwardGrader.class, () -> new Attempt("none"));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("each mistake fails a test that names it")
    @CsvSource(delimiter = '|', value = {
        "z weights old state   | you weighted h_{t-1} with z",
        "gates swapped         | the gates are swapped",
        "reset forgotten       | the reset gate is not applied",
        "reset after product   | the reset is applied after the product",
        "update gate with tanh | computed with tanh",
        "state not fed back    | each step starts from h0",
        "relu candidate        | the candidate uses ReLU",
        "reset gate with the update weights | the reset gate r is computed with the update gate's weights",
    })
    void mistakes(String mistake, String named) {
        failsNaming(GruForwardGrader.class, () -> new Attempt(mistake), named);
    }
}

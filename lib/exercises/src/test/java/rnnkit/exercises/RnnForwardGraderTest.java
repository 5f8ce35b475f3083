package rnnkit.exercises;

import static rnnkit.exercises.GraderAssertions.failsNaming;
import static rnnkit.exercises.GraderAssertions.fullMarks;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

@DisplayName("RnnForwardGrader")
class RnnForwardGraderTest {

    /** A student's solution, with one mistake switched on by name ("none" for the correct one). */
    static final class Attempt implements RnnForward {
        final String mistake;

        Attempt(String mistake) {
            this.mistake = mistake;
        }

        @Override
        public Matrix step(Matrix x, Matrix hPrev, Parameters p) {
            Matrix whh = mistake.equals("Whh transposed") ? p.get("Whh").transpose() : p.get("Whh");
            Matrix a = x.matmul(p.get("Wxh")).plus(hPrev.matmul(whh));
            if (!mistake.equals("no bias")) {
                a = a.plusRow(p.get("bh"));
            }
            return switch (mistake) {
                case "no tanh" -> a;
                case "sigmoid" -> a.map(v -> 1 / (1 + Math.exp(-v)));
                case "relu" -> a.map(v -> Math.max(0, v));
                default -> a.map(Math::tanh);
            };
        }

        @Override
        public List<Matrix> forward(List<Matrix> xs, Matrix h0, Parameters p) {
            List<Matrix> hs = new ArrayList<>();
            Matrix h = mistake.equals("ignores h0") ? Matrix.zeros(h0.rows(), h0.cols()) : h0;
            if (mistake.equals("list starts with h0")) {
                hs.add(h0);
            }
            for (Matrix x : xs) {
                Matrix next = step(x, h, p);
                if (!mistake.equals("state not fed back")) {
                    h = next;
                }
                hs.add(next);
            }
            if (mistake.equals("last state kept in h0")) {
                h0.copyFromInPlace(h);
            }
            return mistake.equals("list starts with h0") ? hs.subList(0, xs.size()) : hs;
        }
    }

    @Test
    @DisplayName("the reference solution scores full marks")
    void solution() {
        fullMarks(RnnForwardGrader.class, () -> new Attempt("none"));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("each mistake fails a test that names it")
    @CsvSource(delimiter = '|', value = {
        "no bias             | the bias term bh is missing",
        "no tanh             | tanh is missing",
        "sigmoid             | sigmoid instead of tanh",
        "Whh transposed      | Whh is transposed",
        "state not fed back  | each step starts from h0",
        "ignores h0          | ignores h0",
        "list starts with h0 | starts with h0 instead of h_1",
        "relu                | ReLU is used instead of tanh",
    })
    void mistakes(String mistake, String named) {
        failsNaming(RnnForwardGrader.class, () -> new Attempt(mistake), named);
    }

    @Test
    @DisplayName("keeping the last state in h0 (writing into an input) is reported once, by the test for unchanged inputs")
    void inPlace() {
        GraderAssertions.failsOnly(RnnForwardGrader.class, () -> new Attempt("last state kept in h0"), "forward changed h0");
    }
}

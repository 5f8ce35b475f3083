package rnnkit.exercises;

import static rnnkit.exercises.GraderAssertions.failsNaming;
import static rnnkit.exercises.GraderAssertions.fullMarks;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

@DisplayName("RnnBackwardGrader")
class RnnBackwardGraderTest {

    /** A student's BPTT, written out as in the notebook, with one mistake switched on by name. */
    static final class Attempt implements RnnBackward {
        final String mistake;

        Attempt(String mistake) {
            this.mistake = mistake;
        }

        @Override
        public RnnGradients backward(List<Matrix> xs, Matrix h0, List<Matrix> hs, List<Matrix> dhs, Parameters p) {
            Matrix Whh = p.get("Whh");
            Matrix dWxh = Matrix.zeros(p.get("Wxh").rows(), p.get("Wxh").cols());
            Matrix dWhh = Matrix.zeros(Whh.rows(), Whh.cols());
            Matrix dbh = Matrix.zeros(1, Whh.cols());
            Matrix dhNext = Matrix.zeros(h0.rows(), h0.cols());
            boolean forward = mistake.equals("loop forward in time");
            for (int t = forward ? 0 : xs.size() - 1; forward ? t < xs.size() : t >= 0; t += forward ? 1 : -1) {
                Matrix h = hs.get(t);
                Matrix hPrev = t == 0 ? h0 : hs.get(t - 1);
                Matrix dh = switch (mistake) {
                    case "no carry" -> dhs.get(t);
                    case "adds into dhs in place" -> dhs.get(t).addInPlace(dhNext);
                    default -> dhs.get(t).plus(dhNext);
                };
                Matrix da = switch (mistake) {
                    case "1 - h" -> dh.times(h.map(v -> 1 - v));
                    case "tanh' from h_{t-1}" -> dh.times(hPrev.map(v -> 1 - v * v));
                    default -> dh.times(h.map(v -> 1 - v * v));
                };
                dWxh.addInPlace(xs.get(t).matmulTransA(da));
                dWhh.addInPlace((mistake.equals("h_t in dWhh") ? h : hPrev).matmulTransA(da));
                if (mistake.equals("bias from last step only")) {
                    if (t == xs.size() - 1) {
                        dbh = da.sumRows();
                    }
                } else {
                    dbh.addInPlace(da.sumRows());
                }
                dhNext = mistake.equals("Whh not transposed") ? da.matmul(Whh) : da.matmulTransB(Whh);
            }
            if (mistake.equals("dbh not summed over batch")) {
                dbh = Matrix.zeros(h0.rows(), h0.cols());
            }
            return new RnnGradients(dWxh, dWhh, dbh, dhNext);
        }
    }

    @Test
    @DisplayName("the reference solution scores full marks")
    void solution() {
        fullMarks(RnnBackwardGrader.class, () -> new Attempt("none"));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("each mistake fails a test that names it")
    @CsvSource(delimiter = '|', value = {
        "no carry                  | does not flow back through time",
        "1 - h                     | 1 - h_t², not 1 - h_t",
        "h_t in dWhh               | pairs da_t with h_{t-1}",
        "Whh not transposed        | transpose of Whh",
        "bias from last step only  | only the last step contributes",
        "dbh not summed over batch | sum da_t over the rows",
        "tanh' from h_{t-1}        | the tanh derivative is taken at the wrong state",
        "loop forward in time      | the loop walks forward in time",
    })
    void mistakes(String mistake, String named) {
        failsNaming(RnnBackwardGrader.class, () -> new Attempt(mistake), named);
    }

    @Test
    @DisplayName("adding into dhs in place is reported once, by the test for unchanged inputs")
    void inPlace() {
        GraderAssertions.failsOnly(RnnBackwardGrader.class, () -> new Attempt("adds into dhs in place"), "backward changed dhs.get(");
    }
}

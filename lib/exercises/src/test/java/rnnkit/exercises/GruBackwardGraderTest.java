package rnnkit.exercises;

import static rnnkit.exercises.GraderAssertions.failsNaming;
import static rnnkit.exercises.GraderAssertions.failsOnly;
import static rnnkit.exercises.GraderAssertions.fullMarks;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

@DisplayName("GruBackwardGrader")
class GruBackwardGraderTest {

    /** A student's GRU backward step, written from the forward values, with one mistake switched on by name. */
    static final class Attempt implements GruBackward {
        final String mistake;

        Attempt(String mistake) {
            this.mistake = mistake;
        }

        @Override
        public GruGradients backward(Matrix x, Matrix hPrev, Parameters p, GruStep step, Matrix dh) {
            Matrix z = step.z();
            Matrix r = step.r();
            Matrix hTilde = step.hTilde();
            // h = z ⊙ hTilde + (1 - z) ⊙ hPrev
            Matrix dz = mistake.equals("sign of dz") ? dh.times(hPrev.minus(hTilde)) : dh.times(hTilde.minus(hPrev));
            Matrix dhTilde = dh.times(z);
            Matrix tanhOf = mistake.equals("tanh' at h") ? step.h() : hTilde;
            Matrix daH = dhTilde.times(tanhOf.map(v -> 1 - v * v));
            Matrix rh = r.times(hPrev);
            Matrix dRh = daH.matmulTransB(p.get("Whh"));
            Matrix dr = mistake.equals("dr without hPrev") ? dRh : dRh.times(hPrev);
            Matrix daZ = dz.times(z.map(v -> v * (1 - v)));
            Matrix daR = mistake.equals("no sigmoid' on r") ? dr : dr.times(r.map(v -> v * (1 - v)));
            Parameters g = p.zerosLike();
            g.get("Wxh").addInPlace(x.matmulTransA(daH));
            g.get("Whh").addInPlace((mistake.equals("Whh with hPrev") ? hPrev : rh).matmulTransA(daH));
            g.get("bh").addInPlace(daH.sumRows());
            g.get("Wxz").addInPlace(x.matmulTransA(daZ));
            g.get("Whz").addInPlace(hPrev.matmulTransA(daZ));
            g.get("bz").addInPlace(daZ.sumRows());
            g.get("Wxr").addInPlace(x.matmulTransA(daR));
            g.get("Whr").addInPlace(hPrev.matmulTransA(daR));
            g.get("br").addInPlace(daR.sumRows());
            Matrix dx = daH.matmulTransB(p.get("Wxh")).plus(daZ.matmulTransB(p.get("Wxz"))).plus(daR.matmulTransB(p.get("Wxr")));
            Matrix dhPrev = daZ.matmulTransB(p.get("Whz")).plus(daR.matmulTransB(p.get("Whr"))).plus(dRh.times(r));
            if (!mistake.equals("no direct path")) {
                if (mistake.equals("direct path into dh in place")) {
                    dhPrev = dhPrev.plus(dh.timesInPlace(z.map(v -> 1 - v)));
                } else {
                    dhPrev = dhPrev.plus(dh.times(z.map(v -> 1 - v)));
                }
            }
            return new GruGradients(g, dx, dhPrev);
        }
    }

    @Test
    @DisplayName("the reference solution scores full marks")
    void solution() {
        fullMarks(GruBackwardGrader.class, () -> new Attempt("none"));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("each mistake fails a test that names it")
    @CsvSource(delimiter = '|', value = {
        "sign of dz       | the update gate's gradient has the wrong sign",
        "tanh' at h       | the tanh derivative is taken at the wrong value",
        "dr without hPrev | the reset gate multiplies h_{t-1}",
        "no sigmoid' on r | misses σ'",
        "Whh with hPrev   | the candidate's recurrent input is r ⊙ h_{t-1}",
        "no direct path   | dh_{t-1} misses the direct path",
    })
    void mistakes(String mistake, String named) {
        failsNaming(GruBackwardGrader.class, () -> new Attempt(mistake), named);
    }

    @Test
    @DisplayName("multiplying into dh in place is reported once, by the test for unchanged inputs")
    void inPlace() {
        failsOnly(GruBackwardGrader.class, () -> new Attempt("direct path into dh in place"), "backward changed dh");
    }
}

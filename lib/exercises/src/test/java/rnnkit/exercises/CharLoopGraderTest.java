package rnnkit.exercises;

import static rnnkit.exercises.GraderAssertions.failsNaming;
import static rnnkit.exercises.GraderAssertions.fullMarks;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

@DisplayName("CharLoopGrader")
class CharLoopGraderTest {

    /** A student's clipping, softmax and sampling, with one mistake switched on by name. */
    static final class Attempt implements CharLoopParts {
        final String mistake;

        Attempt(String mistake) {
            this.mistake = mistake;
        }

        @Override
        public double clipGlobalNorm(Parameters grads, double maxNorm) {
            double sum = 0;
            for (String n : grads.names()) {
                double s = grads.get(n).norm();
                sum += s * s;
            }
            double norm = Math.sqrt(sum);
            if (mistake.equals("per-matrix clipping")) {
                grads.forEach((n, g) -> g.scaleInPlace(Math.min(1, maxNorm / g.norm())));
                return norm;
            }
            if (norm > maxNorm || mistake.equals("always rescales")) {
                grads.forEach((n, g) -> g.scaleInPlace(maxNorm / norm));
            }
            return mistake.equals("returns norm after") ? grads.globalNorm() : norm;
        }

        @Override
        public Matrix softmax(Matrix logits, double temperature) {
            Matrix out = Matrix.zeros(logits.rows(), logits.cols());
            if (mistake.equals("divides the logits in place")) {
                logits.scaleInPlace(1 / temperature);
                temperature = 1;
            }
            double globalMax = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < logits.size(); k++) {
                globalMax = Math.max(globalMax, logits.getFlat(k));
            }
            for (int i = 0; i < logits.rows(); i++) {
                double max = mistake.equals("no max subtraction") ? 0 : Double.NEGATIVE_INFINITY;
                for (int j = 0; j < logits.cols() && !mistake.equals("no max subtraction"); j++) {
                    max = Math.max(max, logits.get(i, j));
                }
                if (mistake.equals("max of the whole matrix")) {
                    max = globalMax;
                }
                double sum = 0;
                for (int j = 0; j < logits.cols(); j++) {
                    double l = mistake.equals("multiplies by T") ? logits.get(i, j) * temperature : logits.get(i, j) / temperature;
                    double m = mistake.equals("multiplies by T") ? max * temperature : max / temperature;
                    out.set(i, j, Math.exp(l - m));
                    sum += out.get(i, j);
                }
                for (int j = 0; j < logits.cols(); j++) {
                    out.set(i, j, out.get(i, j) / sum);
                }
            }
            return out;
        }

        @Override
        public int sample(Matrix probs, Random random) {
            if (mistake.equals("argmax")) {
                int best = 0;
                for (int k = 1; k < probs.cols(); k++) {
                    best = probs.get(0, k) > probs.get(0, best) ? k : best;
                }
                return best;
            }
            if (mistake.equals("uniform")) {
                return random.nextInt(probs.cols());
            }
            double u = random.nextDouble();
            if (mistake.equals("no cumulative sum")) {
                for (int k = 0; k < probs.cols(); k++) {
                    if (probs.get(0, k) > u) {
                        return k;
                    }
                }
                return probs.cols() - 1;
            }
            double cumulative = 0;
            for (int k = 0; k < probs.cols(); k++) {
                cumulative += probs.get(0, k);
                if (u < cumulative) {
                    return mistake.equals("off by one") ? Math.min(k + 1, probs.cols() - 1) : k;
                }
            }
            return probs.cols() - 1;
        }
    }

    @Test
    @DisplayName("the reference solution scores full marks")
    void solution() {
        fullMarks(CharLoopGrader.class, () -> new Attempt("none"));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("each mistake fails a test that names it")
    @CsvSource(delimiter = '|', value = {
        "per-matrix clipping | clipped by its own norm",
        "always rescales     | already under the limit",
        "returns norm after  | the norm after clipping",
        "no max subtraction  | subtract each row's max",
        "multiplies by T     | multiplied by T",
        "argmax              | argmax",
        "uniform             | look uniform",
        "off by one          | off-by-one",
        "no cumulative sum   | a running, cumulative sum",
        "max of the whole matrix | subtract each row's own max",
    })
    void mistakes(String mistake, String named) {
        failsNaming(CharLoopGrader.class, () -> new Attempt(mistake), named);
    }

    @Test
    @DisplayName("dividing the logits by T in place is reported once, by the test for unchanged inputs")
    void inPlace() {
        GraderAssertions.failsOnly(CharLoopGrader.class, () -> new Attempt("divides the logits in place"), "softmax changed logits");
    }
}

package rnnkit.exercises;

import static rnnkit.exercises.GraderAssertions.failsNaming;
import static rnnkit.exercises.GraderAssertions.fullMarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import rnnkit.tensor.Matrix;

@DisplayName("CharModelGrader")
class CharModelGraderTest {

    /**
     * A student's character model, written from scratch as in the notebook's solution (a vanilla RNN,
     * one name per sequence, a few names per step, clipping and Adam), with one mistake switched on by name.
     */
    static final class Attempt implements CharModel {
        static final int V = NameCorpus.ALPHABET.length();
        static final int H = 48;
        static final int NAMES_PER_STEP = 4;
        final String mistake;
        final String[] names = {"Wxh", "Whh", "bh", "Why", "by"};
        Matrix[] w;
        Matrix[] m;
        Matrix[] v;
        int t;

        Attempt(String mistake) {
            this.mistake = mistake;
            Random r = new Random(3);
            w = new Matrix[] {Matrix.gaussian(V, H, 0.1, r), Matrix.gaussian(H, H, 0.1, r), Matrix.zeros(1, H),
                Matrix.gaussian(H, V, 0.1, r), Matrix.zeros(1, V)};
            m = new Matrix[w.length];
            v = new Matrix[w.length];
            for (int k = 0; k < w.length; k++) {
                m[k] = Matrix.zeros(w[k].rows(), w[k].cols());
                v[k] = Matrix.zeros(w[k].rows(), w[k].cols());
            }
        }

        static Matrix softmax(Matrix logits) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < logits.cols(); k++) {
                max = Math.max(max, logits.get(0, k));
            }
            final double top = max;
            Matrix e = logits.map(x -> Math.exp(x - top));
            return e.scale(1 / e.sum());
        }

        Matrix step(Matrix h, int symbol) {
            return w[0].rowAt(symbol).plus(h.matmul(w[1])).plus(w[2]).map(Math::tanh);
        }

        /** Loss of one name and, if grads != null, its gradients added in. */
        double name(String name, Matrix[] grads) {
            String in = NameCorpus.END + name;
            String out = name + NameCorpus.END;
            int T = in.length();
            List<Matrix> hs = new ArrayList<>(List.of(Matrix.zeros(1, H)));
            List<Matrix> ps = new ArrayList<>();
            double loss = 0;
            for (int k = 0; k < T; k++) {
                Matrix h = step(hs.get(k), NameCorpus.index(in.charAt(k)));
                hs.add(h);
                Matrix p = softmax(h.matmul(w[3]).plus(w[4]));
                ps.add(p);
                loss -= Math.log(p.get(0, NameCorpus.index(out.charAt(k))));
            }
            if (grads == null) {
                return loss;
            }
            Matrix dhNext = Matrix.zeros(1, H);
            for (int k = T - 1; k >= 0; k--) {
                Matrix dy = ps.get(k).copy();
                int target = NameCorpus.index(out.charAt(k));
                dy.set(0, target, dy.get(0, target) - 1);
                grads[3].addInPlace(hs.get(k + 1).matmulTransA(dy));
                grads[4].addInPlace(dy);
                Matrix dh = dy.matmulTransB(w[3]).plus(dhNext);
                Matrix da = dh.times(hs.get(k + 1).map(x -> 1 - x * x));
                int symbol = NameCorpus.index(in.charAt(k));
                for (int j = 0; j < H; j++) {
                    grads[0].set(symbol, j, grads[0].get(symbol, j) + da.get(0, j));
                }
                grads[1].addInPlace(hs.get(k).matmulTransA(da));
                grads[2].addInPlace(da);
                dhNext = da.matmulTransB(w[1]);
            }
            return loss;
        }

        @Override
        public List<Double> train(List<String> corpus, int steps, long seed) {
            Random random = new Random(seed);
            List<Double> losses = new ArrayList<>();
            for (int s = 0; s < steps; s++) {
                Matrix[] grads = new Matrix[w.length];
                for (int k = 0; k < w.length; k++) {
                    grads[k] = Matrix.zeros(w[k].rows(), w[k].cols());
                }
                double loss = 0;
                int symbols = 0;
                for (int n = 0; n < NAMES_PER_STEP; n++) {
                    String name = corpus.get(random.nextInt(corpus.size()));
                    loss += name(name, grads);
                    symbols += name.length() + 1;
                }
                double norm = 0;
                for (Matrix g : grads) {
                    g.scaleInPlace(1.0 / symbols);
                    norm += g.norm() * g.norm();
                }
                norm = Math.sqrt(norm);
                if (norm > 5) {
                    for (Matrix g : grads) {
                        g.scaleInPlace(5 / norm);
                    }
                }
                boolean fake = mistake.equals("reports fake losses");
                if (!mistake.equals("no update") && !fake) {
                    adam(grads);
                }
                losses.add(fake ? 1.5 + 1.8 * Math.exp(-s / 300.0) : loss / symbols);
            }
            return losses;
        }

        void adam(Matrix[] grads) {
            t++;
            double rate = 0.01;
            double b1 = 0.9;
            double b2 = 0.999;
            for (int k = 0; k < w.length; k++) {
                m[k].scaleInPlace(b1).addScaledInPlace(1 - b1, grads[k]);
                v[k].scaleInPlace(b2).addScaledInPlace(1 - b2, grads[k].times(grads[k]));
                double c1 = 1 - Math.pow(b1, t);
                double c2 = 1 - Math.pow(b2, t);
                Matrix mk = m[k];
                Matrix vk = v[k];
                Matrix wk = w[k];
                for (int i = 0; i < wk.rows(); i++) {
                    for (int j = 0; j < wk.cols(); j++) {
                        double step = rate * (mk.get(i, j) / c1) / (Math.sqrt(vk.get(i, j) / c2) + 1e-8);
                        wk.set(i, j, wk.get(i, j) - step);
                    }
                }
            }
        }

        @Override
        public Matrix next(String prefix) {
            Matrix h = Matrix.zeros(1, H);
            String in = NameCorpus.END + prefix;
            for (int k = 0; k < in.length(); k++) {
                h = step(h, NameCorpus.index(in.charAt(k)));
            }
            return softmax(h.matmul(w[3]).plus(w[4]));
        }

        @Override
        public String sample(Random random, int maxLength) {
            Matrix h = Matrix.zeros(1, H);
            int symbol = NameCorpus.index(NameCorpus.END);
            StringBuilder name = new StringBuilder();
            while (name.length() < maxLength) {
                h = step(h, symbol);
                Matrix p = softmax(h.matmul(w[3]).plus(w[4]));
                symbol = switch (mistake) {
                    case "argmax sampler" -> argmax(p);
                    case "uniform sampler" -> random.nextInt(V - 1);
                    default -> draw(p, random);
                };
                if (symbol == NameCorpus.index(NameCorpus.END) && !mistake.equals("ignores the end token")) {
                    break;
                }
                if (symbol != NameCorpus.index(NameCorpus.END)) {
                    name.append(NameCorpus.ALPHABET.charAt(symbol));
                }
            }
            return name.toString();
        }

        static int draw(Matrix p, Random random) {
            double u = random.nextDouble();
            double c = 0;
            for (int k = 0; k < p.cols(); k++) {
                c += p.get(0, k);
                if (c > u) {
                    return k;
                }
            }
            return p.cols() - 1;
        }

        static int argmax(Matrix p) {
            int best = 0;
            for (int k = 1; k < p.cols(); k++) {
                best = p.get(0, k) > p.get(0, best) ? k : best;
            }
            return best;
        }
    }

    @Test
    @DisplayName("the corpus: 1500 distinct names of a to z, 3 to 12 letters, the same for the same seed")
    void corpus() {
        List<String> names = NameCorpus.names(2026);
        org.junit.jupiter.api.Assertions.assertEquals(1500, names.stream().distinct().count());
        org.junit.jupiter.api.Assertions.assertTrue(names.stream().allMatch(n -> n.matches("[a-z]{3,12}")));
        org.junit.jupiter.api.Assertions.assertEquals(names, NameCorpus.names(2026));
    }

    @Test
    @DisplayName("the reference solution scores full marks")
    void solution() {
        fullMarks(CharModelGrader.class, () -> new Attempt("none"));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("each mistake fails a test that names it")
    @CsvSource(delimiter = '|', value = {
        "no update             | is the update applied",
        "reports fake losses   | are the losses those of the model next() uses",
        "argmax sampler        | not the most likely one",
        "uniform sampler       | a uniform draw gives about 40%",
        "ignores the end token | stop at the end token",
    })
    void mistakes(String mistake, String named) {
        failsNaming(CharModelGrader.class, () -> new Attempt(mistake), named);
    }
}

package rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.cells.RnnCell;
import rnnkit.cells.SimpleGruCell;
import rnnkit.data.Batch;
import rnnkit.data.CharCorpus;
import rnnkit.data.OneHot;
import rnnkit.gradcheck.GradientCheck;
import rnnkit.gradcheck.GradientCheckReport;
import rnnkit.tensor.Matrix;

@DisplayName("sequence models")
class SequenceModelTest {

    static List<Matrix> dense(int steps, int batch, int size, long seed) {
        Random r = new Random(seed);
        List<Matrix> xs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            xs.add(Matrix.gaussian(batch, size, 1.0, r));
        }
        return xs;
    }

    static List<Matrix> tags(int steps, int batch, long seed) {
        Random r = new Random(seed);
        List<Matrix> ys = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            Matrix y = Matrix.zeros(batch, 1);
            for (int b = 0; b < batch; b++) {
                y.set(b, 0, r.nextBoolean() ? 1 : 0);
            }
            ys.add(y);
        }
        return ys;
    }

    static void randomize(SequenceModel m, long seed) {
        Random r = new Random(seed);
        m.parameters().forEach((n, w) -> w.copyFromInPlace(Matrix.gaussian(w.rows(), w.cols(), 0.5, r)));
    }

    @Nested
    @DisplayName("many-to-many")
    class ManyToMany {

        @Test
        @DisplayName("character model with an embedding: gradients match finite differences")
        void charModelGradients() {
            CharCorpus corpus = new CharCorpus("vincent and jules take the place");
            int v = corpus.vocabulary().size();
            ManyToManyModel m = ManyToManyModel.withEmbedding(v, new LstmCell(5, 6, 1), v, Loss.softmaxCrossEntropy(), 2);
            randomize(m, 3);
            Batch batch = corpus.chunk(0, 8, 2);
            GradientCheckReport r = GradientCheck.standard().check(m, batch, null);
            assertTrue(r.passed(), r::toString);
            assertEquals(List.of("E", "Wxi"), m.parameters().names().subList(0, 2));
            assertTrue(m.parameters().names().containsAll(List.of("Why", "by")));
        }

        @Test
        @DisplayName("per-word tagger with sigmoid cross-entropy: gradients match finite differences")
        void taggerGradients() {
            ManyToManyModel m = new ManyToManyModel(new GruCell(4, 5, 1), 1, Loss.sigmoidBinaryCrossEntropy(), 2);
            randomize(m, 4);
            Batch batch = Batch.of(dense(7, 3, 4, 5), tags(7, 3, 6));
            GradientCheckReport r = GradientCheck.standard().check(m, batch, m.cell().zeroState(3));
            assertTrue(r.passed(), r::toString);
        }

        @Test
        @DisplayName("needs one target per step")
        void refusesMissingTargets() {
            ManyToManyModel m = new ManyToManyModel(new RnnCell(4, 5, 1), 1, Loss.sigmoidBinaryCrossEntropy(), 2);
            Batch batch = Batch.of(dense(7, 3, 4, 5), tags(6, 3, 6));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.loss(batch, null));
            assertTrue(e.getMessage().contains("expected 7") && e.getMessage().contains("got 6"), e.getMessage());
        }
    }

    @Nested
    @DisplayName("many-to-one")
    class ManyToOne {

        @Test
        @DisplayName("one prediction at the end: gradients match finite differences, from a nonzero state")
        void gradients() {
            ManyToOneModel m = new ManyToOneModel(new SimpleGruCell(4, 5, 1), 3, Loss.softmaxCrossEntropy(), 2);
            randomize(m, 7);
            Batch batch = Batch.of(dense(9, 2, 4, 8), OneHot.rows(new int[] {2, 0}, 3));
            var h0 = m.cell().zeroState(2);
            h0.h().copyFromInPlace(Matrix.gaussian(2, 5, 0.5, new Random(9)));
            GradientCheckReport r = GradientCheck.standard().check(m, batch, h0);
            assertTrue(r.passed(), r::toString);
            assertEquals(1, m.forward(batch.inputs(), null).logits().size());
        }
    }

    @Test
    @DisplayName("the same seeds give the same model and loss; other seeds do not")
    void deterministic() {
        Batch batch = Batch.of(dense(5, 2, 4, 1), tags(5, 2, 2));
        double a = new ManyToManyModel(new LstmCell(4, 3, 1), 1, Loss.sigmoidBinaryCrossEntropy(), 2).loss(batch, null);
        double b = new ManyToManyModel(new LstmCell(4, 3, 1), 1, Loss.sigmoidBinaryCrossEntropy(), 2).loss(batch, null);
        double c = new ManyToManyModel(new LstmCell(4, 3, 1), 1, Loss.sigmoidBinaryCrossEntropy(), 3).loss(batch, null);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    @DisplayName("sampling: same seed same text, of the requested length, from the vocabulary")
    void sampling() {
        CharCorpus corpus = new CharCorpus("hello world");
        int v = corpus.vocabulary().size();
        ManyToManyModel m = new ManyToManyModel(new RnnCell(v, 8, 1), v, Loss.softmaxCrossEntropy(), 2);
        String a = CharSampler.sample(m, corpus.vocabulary(), "he", 30, 1.0, 5);
        String b = CharSampler.sample(m, corpus.vocabulary(), "he", 30, 1.0, 5);
        String c = CharSampler.sample(m, corpus.vocabulary(), "he", 30, 1.0, 6);
        assertEquals(30, a.length());
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertTrue(a.chars().allMatch(ch -> "helo wrd".indexOf(ch) >= 0), a);
        assertThrows(IllegalArgumentException.class, () -> CharSampler.sample(m, corpus.vocabulary(), "he", 3, 0.0, 5));
    }
}

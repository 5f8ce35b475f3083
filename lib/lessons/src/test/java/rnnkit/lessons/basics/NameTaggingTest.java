package rnnkit.lessons.basics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import rnnkit.cells.RnnCell;
import rnnkit.data.Vocabulary;
import rnnkit.lessons.basics.NameSentences.Sentence;
import rnnkit.data.Batch;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToManyModel;
import rnnkit.tensor.Matrix;
import rnnkit.train.Optimizer;
import rnnkit.train.ProgressListener;
import rnnkit.train.Trainer;
import tech.tablesaw.api.Table;

@DisplayName("NameTagging")
class NameTaggingTest {

    final Vocabulary vocab = NameSentences.vocabulary();
    final List<Sentence> two = List.of(Sentence.parse("*rose and *omar take the boat"),
            Sentence.parse("the rose and ivy look fine"));

    ManyToManyModel model(long seed) {
        return new ManyToManyModel(new RnnCell(vocab.size(), 12, seed), 1, Loss.sigmoidBinaryCrossEntropy(), seed + 1);
    }

    @Nested
    @DisplayName("batch")
    class Batches {

        @Test
        @DisplayName("makes T one-hot steps of (B, V) and T tag columns of (B, 1)")
        void shapes() {
            Batch b = NameTagging.batch(two, vocab);
            assertEquals(6, b.steps());
            assertEquals(2, b.batchSize());
            assertEquals("(2, " + vocab.size() + ")", b.inputs().get(0).shape());
            assertEquals(1.0, b.inputs().get(0).get(0, vocab.id("rose")));
            assertEquals(1.0, b.inputs().get(0).get(1, vocab.id("the")));
            assertEquals(Matrix.of(new double[][] {{1}, {0}}), b.targets().get(0));
            assertEquals(Matrix.of(new double[][] {{1}, {0}}), b.targets().get(2));
        }

        @Test
        @DisplayName("wordBatch makes one step with every word as its own example")
        void words() {
            Batch b = NameTagging.wordBatch(two, vocab);
            assertEquals(1, b.steps());
            assertEquals(12, b.batchSize());
            assertEquals(2.0, b.targets().get(0).sum());
        }

        @Test
        @DisplayName("rejects sentences of different lengths and an empty list, naming them")
        void badInput() {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> NameTagging.batch(List.of(two.get(0), Sentence.parse("*ivy")), vocab));
            assertTrue(e.getMessage().contains("sentences[1]"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> NameTagging.batch(List.of(), vocab));
        }
    }

    @Test
    @DisplayName("probabilities are the model's sigmoid outputs, in (0, 1), one per word")
    void probabilities() {
        ManyToManyModel m = model(3);
        double[][] p = NameTagging.probabilities(m, vocab, two, null);
        var out = m.forward(NameTagging.batch(two, vocab).inputs(), null);
        for (int t = 0; t < 6; t++) {
            double logit = out.logits().get(t).get(1, 0);
            assertEquals(1.0 / (1.0 + Math.exp(-logit)), p[1][t], 1e-15);
        }
    }

    @Test
    @DisplayName("word by word, the first word's probability equals the one in context (both start from zeros)")
    void wordByWord() {
        ManyToManyModel m = model(4);
        double[][] inContext = NameTagging.probabilities(m, vocab, two, null);
        double[][] alone = NameTagging.probabilitiesWordByWord(m, vocab, two);
        assertEquals(inContext[0][0], alone[0][0], 1e-15);
        assertEquals(inContext[1][0], alone[1][0], 1e-15);
        assertTrue(Math.abs(inContext[0][2] - alone[0][2]) > 1e-6, "a later word sees its context");
    }

    @Test
    @DisplayName("accuracy counts the selected words tagged right at p > 0.5")
    void accuracy() {
        double[][] p = {{0.9, 0.1, 0.4, 0.2, 0.1, 0.6}, {0.1, 0.7, 0.1, 0.2, 0.3, 0.1}};
        // sentence 1 wrong at "omar" (0.4) and "boat" (0.6); sentence 2 wrong at "rose" (0.7); ambiguous: rose, rose, ivy
        assertEquals(9.0 / 12.0, NameTagging.accuracy(two, p), 1e-15);
        assertEquals(2.0 / 3.0, NameTagging.accuracy(two, p, NameSentences::isAmbiguous), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> NameTagging.accuracy(two, p, w -> false));
        assertThrows(IllegalArgumentException.class, () -> NameTagging.accuracy(two, new double[][] {{0.5}}));
    }

    @Test
    @DisplayName("accuracyByPosition gives, for each t, the share of sentences right at word t")
    void byPosition() {
        double[][] p = {{0.9, 0.1, 0.4, 0.2, 0.1, 0.6}, {0.1, 0.7, 0.1, 0.2, 0.3, 0.1}};
        double[] acc = NameTagging.accuracyByPosition(two, p);
        assertEquals(6, acc.length);
        assertEquals(1.0, acc[0], 1e-15);
        assertEquals(0.5, acc[1], 1e-15);
        assertEquals(0.5, acc[2], 1e-15);
        assertEquals(0.5, acc[5], 1e-15);
    }

    @Test
    @DisplayName("table has one row per word with the truth, the probability and whether it is right")
    void table() {
        double[][] p = {{0.9, 0.1, 0.4, 0.2, 0.1, 0.6}, {0.1, 0.7, 0.1, 0.2, 0.3, 0.1}};
        Table t = NameTagging.table(two, p);
        assertEquals(12, t.rowCount());
        assertEquals(List.of("sentence", "t", "word", "name", "p_name", "tagged", "right"), t.columnNames());
        assertEquals("omar", t.stringColumn("word").get(2));
        assertEquals(false, t.booleanColumn("right").get(2));
        assertEquals(9, t.booleanColumn("right").countTrue());
    }

    @Test
    @DisplayName("a small recurrent tagger learns the ambiguous words that a tagger without memory cannot")
    void memoryMatters() {
        List<Sentence> train = new NameSentences(1).sample(256);
        List<Sentence> test = new NameSentences(2).sample(200);
        List<Batch> batches = List.of(NameTagging.batch(train.subList(0, 128), vocab),
                NameTagging.batch(train.subList(128, 256), vocab));
        ManyToManyModel rnn = model(5);
        new Trainer(rnn, Optimizer.adam(0.02)).progress(ProgressListener.NONE).train(300, s -> batches.get(s % 2));
        ManyToManyModel alone = model(5);
        Batch words = NameTagging.wordBatch(train, vocab);
        new Trainer(alone, Optimizer.adam(0.02)).progress(ProgressListener.NONE).train(300, s -> words);
        double rnnAmbiguous = NameTagging.accuracy(test, NameTagging.probabilities(rnn, vocab, test, null), NameSentences::isAmbiguous);
        double aloneAmbiguous = NameTagging.accuracy(test, NameTagging.probabilitiesWordByWord(alone, vocab, test),
                NameSentences::isAmbiguous);
        assertTrue(rnnAmbiguous > 0.95, "recurrent tagger on ambiguous words: " + rnnAmbiguous);
        assertTrue(aloneAmbiguous < 0.75, "tagger without memory on ambiguous words: " + aloneAmbiguous);
    }
}

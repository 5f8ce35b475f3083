package rnnkit.lessons.basics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import rnnkit.cells.State;
import rnnkit.data.OneHot;
import rnnkit.data.Vocabulary;
import rnnkit.lessons.basics.NameSentences.Sentence;
import rnnkit.data.Batch;
import rnnkit.nn.SequenceModel;
import rnnkit.tensor.Matrix;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Per-word name detection with a many-to-many model (one sigmoid output per word): batches of
 * tagged sentences, the predicted probability that each word is a name, accuracy, and the
 * word-by-word table lesson 01 shows.
 *
 * <pre>{@code
 * Vocabulary vocab = NameSentences.vocabulary();
 * var model = new ManyToManyModel(new RnnCell(vocab.size(), 16, 1), 1, Loss.sigmoidBinaryCrossEntropy(), 2);
 * Batch b = NameTagging.batch(sentences, vocab);              // T = 6 steps of (B, V), targets (B, 1)
 * double[][] p = NameTagging.probabilities(model, vocab, sentences, null);   // p[b][t] = P(word t is a name)
 * NameTagging.table(sentences, p);                            // one row per word
 * }</pre>
 */
public final class NameTagging {

    private NameTagging() {
    }

    /**
     * The sentences as one batch: step t is a B x V matrix of one-hot rows (word t of each sentence),
     * its target a B x 1 column of 0/1 tags. Every sentence must have the same length.
     */
    public static Batch batch(List<Sentence> sentences, Vocabulary vocab) {
        int steps = checkSameLength(sentences);
        int[][] ids = new int[sentences.size()][];
        List<Matrix> targets = new ArrayList<>(steps);
        for (int b = 0; b < sentences.size(); b++) {
            ids[b] = vocab.encode(sentences.get(b).words());
        }
        for (int t = 0; t < steps; t++) {
            Matrix y = Matrix.zeros(sentences.size(), 1);                    // (B, 1)
            for (int b = 0; b < sentences.size(); b++) {
                y.set(b, 0, sentences.get(b).names().get(t) ? 1.0 : 0.0);
            }
            targets.add(y);
        }
        return Batch.of(OneHot.sequence(ids, vocab.size()), targets);
    }

    /**
     * Every word of every sentence as a sequence of its own (T = 1, B = the number of words): what a
     * tagger without memory is trained on, since it never sees the words before.
     */
    public static Batch wordBatch(List<Sentence> sentences, Vocabulary vocab) {
        List<Sentence> words = new ArrayList<>();
        for (Sentence s : checkNonEmpty(sentences)) {
            for (int t = 0; t < s.length(); t++) {
                words.add(new Sentence(List.of(s.words().get(t)), List.of(s.names().get(t))));
            }
        }
        return batch(words, vocab);
    }

    /**
     * P(word t of sentence b is a name) = σ(logit), read left to right from {@code initial} (null:
     * zeros), as {@code p[b][t]}.
     */
    public static double[][] probabilities(SequenceModel model, Vocabulary vocab, List<Sentence> sentences, State initial) {
        Batch batch = batch(sentences, vocab);
        SequenceModel.Output out = model.forward(batch.inputs(), initial);
        double[][] p = new double[sentences.size()][batch.steps()];
        for (int t = 0; t < batch.steps(); t++) {
            Matrix probs = model.loss().probabilities(out.logits().get(t));   // (B, 1)
            for (int b = 0; b < sentences.size(); b++) {
                p[b][t] = probs.get(b, 0);
            }
        }
        return p;
    }

    /** As {@link #probabilities}, but every word read on its own from a zero state: no memory of the words before. */
    public static double[][] probabilitiesWordByWord(SequenceModel model, Vocabulary vocab, List<Sentence> sentences) {
        int steps = checkSameLength(sentences);
        double[][] flat = probabilities(model, vocab, wordsAlone(sentences), null);
        double[][] p = new double[sentences.size()][steps];
        for (int b = 0; b < sentences.size(); b++) {
            for (int t = 0; t < steps; t++) {
                p[b][t] = flat[b * steps + t][0];
            }
        }
        return p;
    }

    /** The fraction of words, among those {@code which} selects, tagged right (a name when p > 0.5). */
    public static double accuracy(List<Sentence> sentences, double[][] p, Predicate<String> which) {
        checkProbabilities(sentences, p);
        int right = 0;
        int total = 0;
        for (int b = 0; b < sentences.size(); b++) {
            Sentence s = sentences.get(b);
            for (int t = 0; t < s.length(); t++) {
                if (which.test(s.words().get(t))) {
                    total++;
                    right += (p[b][t] > 0.5) == s.names().get(t) ? 1 : 0;
                }
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("which: no word of the " + sentences.size() + " sentences was selected");
        }
        return (double) right / total;
    }

    /** The fraction of all words tagged right. */
    public static double accuracy(List<Sentence> sentences, double[][] p) {
        return accuracy(sentences, p, w -> true);
    }

    /** The fraction of sentences whose word t is tagged right, for each position t = 1..T (index t - 1). */
    public static double[] accuracyByPosition(List<Sentence> sentences, double[][] p) {
        int steps = checkSameLength(sentences);
        checkProbabilities(sentences, p);
        double[] out = new double[steps];
        for (int b = 0; b < sentences.size(); b++) {
            for (int t = 0; t < steps; t++) {
                out[t] += (p[b][t] > 0.5) == sentences.get(b).names().get(t) ? 1.0 / sentences.size() : 0.0;
            }
        }
        return out;
    }

    /**
     * One row per word: sentence (its index), t (1..T), word, name (the truth), p_name, tagged
     * (p_name > 0.5) and right (tagged == name).
     */
    public static Table table(List<Sentence> sentences, double[][] p) {
        checkProbabilities(sentences, p);
        IntColumn sentence = IntColumn.create("sentence");
        IntColumn step = IntColumn.create("t");
        StringColumn word = StringColumn.create("word");
        BooleanColumn name = BooleanColumn.create("name");
        DoubleColumn prob = DoubleColumn.create("p_name");
        BooleanColumn tagged = BooleanColumn.create("tagged");
        BooleanColumn right = BooleanColumn.create("right");
        for (int b = 0; b < sentences.size(); b++) {
            Sentence s = sentences.get(b);
            for (int t = 0; t < s.length(); t++) {
                sentence.append(b + 1);
                step.append(t + 1);
                word.append(s.words().get(t));
                name.append(s.names().get(t));
                prob.append(p[b][t]);
                tagged.append(p[b][t] > 0.5);
                right.append((p[b][t] > 0.5) == s.names().get(t));
            }
        }
        return Table.create("word by word", sentence, step, word, name, prob, tagged, right);
    }

    private static List<Sentence> wordsAlone(List<Sentence> sentences) {
        List<Sentence> out = new ArrayList<>();
        for (Sentence s : sentences) {
            for (int t = 0; t < s.length(); t++) {
                out.add(new Sentence(List.of(s.words().get(t)), List.of(s.names().get(t))));
            }
        }
        return out;
    }

    private static List<Sentence> checkNonEmpty(List<Sentence> sentences) {
        if (sentences == null || sentences.isEmpty()) {
            throw new IllegalArgumentException("sentences must hold at least one sentence");
        }
        return sentences;
    }

    private static int checkSameLength(List<Sentence> sentences) {
        int steps = checkNonEmpty(sentences).get(0).length();
        for (int b = 1; b < sentences.size(); b++) {
            if (sentences.get(b).length() != steps) {
                throw new IllegalArgumentException("sentences[" + b + "] has " + sentences.get(b).length()
                        + " words, but sentences[0] has " + steps + "; a batch needs one length");
            }
        }
        return steps;
    }

    private static void checkProbabilities(List<Sentence> sentences, double[][] p) {
        checkNonEmpty(sentences);
        if (p == null || p.length != sentences.size()) {
            throw new IllegalArgumentException("p: expected one row per sentence (" + sentences.size() + "), got "
                    + (p == null ? "null" : p.length));
        }
        for (int b = 0; b < p.length; b++) {
            if (p[b].length != sentences.get(b).length()) {
                throw new IllegalArgumentException("p[" + b + "]: expected one probability per word (" + sentences.get(b).length()
                        + "), got " + p[b].length);
            }
        }
    }
}

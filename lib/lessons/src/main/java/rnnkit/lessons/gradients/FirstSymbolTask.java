package rnnkit.lessons.gradients;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import rnnkit.data.OneHot;
import rnnkit.data.Batch;
import rnnkit.nn.SequenceModel;
import rnnkit.tensor.Matrix;

/**
 * "Remember the first symbol": a long-lag task for a many-to-one model.
 *
 * <pre>
 *   step    1        2 .. T = lag + 1
 *   input   s        d_2 .. d_T        s one of K symbols, each d one of D distractors (uniform, independent)
 *   target  s, after step T
 * </pre>
 *
 * <p>Inputs are one-hot rows of width K + D: symbols are columns 0..K-1, distractors K..K+D-1.
 * The answer is fixed at step 1 and must be carried for {@code lag} steps through inputs that
 * carry no information about it, so the gradient that teaches step 1 must travel back {@code lag}
 * steps: the task isolates how far back a cell can learn. Chance accuracy is 1/K.
 *
 * @param lag the number of steps between the symbol and the answer (T = lag + 1), at least 1
 * @param symbols K, at least 2
 * @param distractors D, at least 1
 */
public record FirstSymbolTask(int lag, int symbols, int distractors) {

    public FirstSymbolTask {
        if (lag < 1) {
            throw new IllegalArgumentException("lag must be >= 1, got " + lag);
        }
        if (symbols < 2) {
            throw new IllegalArgumentException("symbols must be >= 2, got " + symbols);
        }
        if (distractors < 1) {
            throw new IllegalArgumentException("distractors must be >= 1, got " + distractors);
        }
    }

    /** X = K + D, the width of each input row. */
    public int inputSize() {
        return symbols + distractors;
    }

    /** T = lag + 1, the length of each sequence. */
    public int steps() {
        return lag + 1;
    }

    /** 1/K, the accuracy of guessing. */
    public double chance() {
        return 1.0 / symbols;
    }

    /**
     * A batch of {@code size} sequences drawn from {@code random}: T inputs of shape (size, K + D) and one
     * one-hot target of shape (size, K).
     */
    public Batch batch(int size, Random random) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        if (random == null) {
            throw new IllegalArgumentException("random must not be null");
        }
        int[][] ids = new int[size][steps()];
        int[] answers = new int[size];
        for (int b = 0; b < size; b++) {
            answers[b] = random.nextInt(symbols);
            ids[b][0] = answers[b];
            for (int t = 1; t < steps(); t++) {
                ids[b][t] = symbols + random.nextInt(distractors);
            }
        }
        List<Matrix> inputs = OneHot.sequence(ids, inputSize());
        return Batch.of(new ArrayList<>(inputs), OneHot.rows(answers, symbols));
    }

    /** A batch from {@code new Random(seed)}. */
    public Batch batch(int size, long seed) {
        return batch(size, new Random(seed));
    }

    /** The fraction of a batch's sequences whose largest logit is the right symbol. */
    public static double accuracy(SequenceModel model, Batch batch) {
        if (model == null || batch == null) {
            throw new IllegalArgumentException("model and batch must not be null");
        }
        List<Matrix> logits = model.forward(batch.inputs(), null).logits();
        Matrix last = logits.get(logits.size() - 1);
        int[] predicted = OneHot.argmax(last);
        int[] wanted = OneHot.argmax(batch.targets().get(batch.targets().size() - 1));
        int right = 0;
        for (int b = 0; b < predicted.length; b++) {
            if (predicted[b] == wanted[b]) {
                right++;
            }
        }
        return (double) right / predicted.length;
    }
}

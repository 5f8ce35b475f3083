package rnnkit.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import rnnkit.data.Batch;
import rnnkit.tensor.Matrix;

/**
 * A text as training data for a character model.
 *
 * <ul>
 *   <li>{@link #chunk}: for truncated BPTT, as min-char-rnn does. The text is cut into B parallel
 *       streams; call k reads the next T characters of each stream as inputs and the characters
 *       one step later as targets, and continues the previous call's sequences (the state is
 *       carried) until a stream runs out, when it starts over from the beginning with a fresh state.
 *   <li>{@link #windows}: for the "predict the next character from the previous n" task of
 *       the Data Driven Investor article "LSTM vs GRU",
 *       a seeded random batch of windows of n characters, each with the one character after it.
 * </ul>
 */
public final class CharCorpus {

    private final String text;
    private final Vocabulary vocabulary;
    private final int[] ids;

    public CharCorpus(String text) {
        this(text, Vocabulary.ofChars(text));
    }

    public CharCorpus(String text, Vocabulary vocabulary) {
        this.text = text;
        this.vocabulary = vocabulary;
        this.ids = vocabulary.encodeChars(text);
        if (ids.length < 2) {
            throw new IllegalArgumentException("text must have at least 2 characters, got " + ids.length);
        }
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public String text() {
        return text;
    }

    public int length() {
        return ids.length;
    }

    /**
     * Chunk number {@code index} (0, 1, 2, ...) of T steps from B parallel streams: inputs are
     * one-hot B x V per step, targets the next characters. A chunk continues the previous one
     * ({@link Batch#continuesPrevious()}) except at the start of each pass over the text.
     */
    public Batch chunk(int index, int steps, int batch) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        int streamLength = (ids.length - 1) / batch;
        int chunksPerPass = streamLength / steps;
        if (chunksPerPass < 1) {
            throw new IllegalArgumentException("the text of " + ids.length + " characters is too short for " + batch
                    + " streams of chunks of " + steps + " steps");
        }
        int k = index % chunksPerPass;
        int[][] in = new int[batch][steps];
        int[][] out = new int[batch][steps];
        for (int b = 0; b < batch; b++) {
            int start = b * streamLength + k * steps;
            for (int t = 0; t < steps; t++) {
                in[b][t] = ids[start + t];
                out[b][t] = ids[start + t + 1];
            }
        }
        int v = vocabulary.size();
        return new Batch(OneHot.sequence(in, v), OneHot.sequence(out, v), k != 0);
    }

    /** B random windows of n characters, each with the character after it as the single target. */
    public Batch windows(int n, int batch, Random random) {
        if (n < 1 || n >= ids.length) {
            throw new IllegalArgumentException("n must be in [1, " + (ids.length - 1) + "], got " + n);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        int[][] in = new int[batch][n];
        int[] target = new int[batch];
        for (int b = 0; b < batch; b++) {
            int start = random.nextInt(ids.length - n);
            System.arraycopy(ids, start, in[b], 0, n);
            target[b] = ids[start + n];
        }
        List<Matrix> inputs = new ArrayList<>(OneHot.sequence(in, vocabulary.size()));
        return Batch.of(inputs, OneHot.rows(target, vocabulary.size()));
    }
}

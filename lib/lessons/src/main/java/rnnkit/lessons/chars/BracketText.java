package rnnkit.lessons.chars;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import rnnkit.data.OneHot;
import rnnkit.data.Vocabulary;
import rnnkit.nn.SequenceModel;
import rnnkit.tensor.Matrix;

/**
 * A text of bracketed groups, {@code "(abca) [bb] (c) "}: an opening bracket, one to {@code maxLetters}
 * letters from a, b, c, the matching closing bracket and a space. Everything is random except the
 * closing bracket, which is certain once the opener is known. A model that sees only the last n
 * characters cannot know it when the group has n or more letters; a model that carries a state can.
 */
public final class BracketText {

    /** The characters of the text, in a fixed order. */
    public static final String ALPHABET = "()[]abc ";

    private BracketText() {
    }

    /** The vocabulary of {@link #ALPHABET}. */
    public static Vocabulary vocabulary() {
        return Vocabulary.ofChars(ALPHABET);
    }

    /** At least {@code length} characters of groups with 1 to {@code maxLetters} letters, from {@code seed}. */
    public static String text(int length, int maxLetters, long seed) {
        if (length < 1 || maxLetters < 1) {
            throw new IllegalArgumentException("length and maxLetters must be >= 1, got " + length + " and " + maxLetters);
        }
        Random random = new Random(seed);
        StringBuilder s = new StringBuilder(length + maxLetters + 3);
        while (s.length() < length) {
            boolean round = random.nextBoolean();
            s.append(round ? '(' : '[');
            int letters = 1 + random.nextInt(maxLetters);
            for (int k = 0; k < letters; k++) {
                s.append("abc".charAt(random.nextInt(3)));
            }
            s.append(round ? ')' : ']').append(' ');
        }
        return s.toString();
    }

    /**
     * Which closing bracket, by the number of letters in the group: the share of closers where the model
     * gives the right bracket a larger logit than the wrong one. (Whether the group closes at all is
     * random; which bracket closes it is what needs memory.)
     */
    public record ByLetters(int[] letters, double[] accuracy, int[] count) {
    }

    /**
     * A fixed-window model's accuracy on the closing brackets of {@code text}: for every closer, the
     * model reads the {@code window} characters before it from a zero state and predicts the next one.
     */
    public static ByLetters windowAccuracy(SequenceModel model, String text, int window, int maxLetters) {
        Vocabulary v = vocabulary();
        List<int[]> rows = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        for (int p = window; p < text.length(); p++) {
            if (isCloser(text.charAt(p))) {
                rows.add(v.encodeChars(text.substring(p - window, p)));
                targets.add(v.id(String.valueOf(text.charAt(p))));
                groups.add(lettersBefore(text, p));
            }
        }
        List<Matrix> inputs = OneHot.sequence(rows.toArray(new int[0][]), v.size());
        List<Matrix> logits = model.forward(inputs, null).logits();
        Matrix last = logits.get(logits.size() - 1);
        return tally(last, targets, groups, maxLetters);
    }

    /**
     * A recurrent model's accuracy on the closing brackets of {@code text}, read as one stream from a
     * zero state: the prediction after character p - 1 is scored at every closer p.
     */
    public static ByLetters streamAccuracy(SequenceModel model, String text, int maxLetters) {
        Vocabulary v = vocabulary();
        int[] ids = v.encodeChars(text);
        List<Matrix> inputs = OneHot.sequence(new int[][] {java.util.Arrays.copyOf(ids, ids.length - 1)}, v.size());
        List<Matrix> logits = model.forward(inputs, null).logits();
        Matrix all = Matrix.stackRows(logits);                       // row t predicts character t + 1
        List<Integer> targets = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        List<Integer> rowsAt = new ArrayList<>();
        for (int p = 1; p < text.length(); p++) {
            if (isCloser(text.charAt(p))) {
                rowsAt.add(p - 1);
                targets.add(ids[p]);
                groups.add(lettersBefore(text, p));
            }
        }
        Matrix picked = Matrix.zeros(rowsAt.size(), v.size());
        for (int k = 0; k < rowsAt.size(); k++) {
            for (int j = 0; j < v.size(); j++) {
                picked.set(k, j, all.get(rowsAt.get(k), j));
            }
        }
        return tally(picked, targets, groups, maxLetters);
    }

    /** A fixed-window model's mean cross-entropy in bits per character, over every position p >= window of {@code text}. */
    public static double windowBits(SequenceModel model, String text, int window) {
        Vocabulary v = vocabulary();
        int[][] rows = new int[text.length() - window][];
        int[] targets = new int[rows.length];
        for (int p = window; p < text.length(); p++) {
            rows[p - window] = v.encodeChars(text.substring(p - window, p));
            targets[p - window] = v.id(String.valueOf(text.charAt(p)));
        }
        List<Matrix> logits = model.forward(OneHot.sequence(rows, v.size()), null).logits();
        return bits(logits.get(logits.size() - 1), targets);
    }

    /** A recurrent model's mean cross-entropy in bits per character, reading {@code text} as one stream, scored from position {@code from}. */
    public static double streamBits(SequenceModel model, String text, int from) {
        Vocabulary v = vocabulary();
        int[] ids = v.encodeChars(text);
        List<Matrix> inputs = OneHot.sequence(new int[][] {java.util.Arrays.copyOf(ids, ids.length - 1)}, v.size());
        Matrix all = Matrix.stackRows(model.forward(inputs, null).logits());
        Matrix scored = Matrix.zeros(ids.length - from, v.size());
        int[] targets = new int[ids.length - from];
        for (int p = from; p < ids.length; p++) {
            for (int j = 0; j < v.size(); j++) {
                scored.set(p - from, j, all.get(p - 1, j));
            }
            targets[p - from] = ids[p];
        }
        return bits(scored, targets);
    }

    private static double bits(Matrix logits, int[] targets) {
        double sum = 0;
        for (int k = 0; k < targets.length; k++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < logits.cols(); j++) {
                max = Math.max(max, logits.get(k, j));
            }
            double z = 0;
            for (int j = 0; j < logits.cols(); j++) {
                z += Math.exp(logits.get(k, j) - max);
            }
            sum += Math.log(z) + max - logits.get(k, targets[k]);
        }
        return sum / targets.length / Math.log(2);
    }

    private static ByLetters tally(Matrix logits, List<Integer> targets, List<Integer> groups, int maxLetters) {
        int[] right = new int[maxLetters + 1];
        int[] count = new int[maxLetters + 1];
        Vocabulary v = vocabulary();
        int round = v.id(")"), square = v.id("]");
        for (int k = 0; k < targets.size(); k++) {
            int other = targets.get(k) == round ? square : round;
            int g = groups.get(k);
            count[g]++;
            if (logits.get(k, targets.get(k)) > logits.get(k, other)) {
                right[g]++;
            }
        }
        int[] letters = new int[maxLetters];
        double[] accuracy = new double[maxLetters];
        int[] n = new int[maxLetters];
        for (int g = 1; g <= maxLetters; g++) {
            letters[g - 1] = g;
            n[g - 1] = count[g];
            accuracy[g - 1] = count[g] == 0 ? Double.NaN : right[g] / (double) count[g];
        }
        return new ByLetters(letters, accuracy, n);
    }

    private static boolean isCloser(char c) {
        return c == ')' || c == ']';
    }

    private static int lettersBefore(String text, int closer) {
        int k = 0;
        for (int p = closer - 1; p >= 0 && "abc".indexOf(text.charAt(p)) >= 0; p--) {
            k++;
        }
        return k;
    }
}

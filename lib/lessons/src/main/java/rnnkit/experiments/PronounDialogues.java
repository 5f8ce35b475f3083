package rnnkit.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import rnnkit.data.OneHot;
import rnnkit.data.Vocabulary;
import rnnkit.data.Batch;
import rnnkit.tensor.Matrix;

/**
 * Synthetic scenes for the pronoun task: a character comes in, people talk about something else
 * for a while, and then the model must say whether "she" or "he" comes next.
 *
 * <pre>
 *   enter  rosa  .  [ filler, d - 2 words, maybe with other names dropped in ]  then  → she
 *   a  man  enters .  [ filler, d - 3 words ]                                   then  → he
 *          ^ the gendered word          d words between it and the pronoun          ^ target
 * </pre>
 *
 * <p>The gender is given either by a name (half the scenes) or by the noun "woman" / "man". The
 * <em>distance</em> d counts the words strictly between the gendered word and the pronoun, so every
 * sequence has d + 2 input words (the gendered word sits second). The filler is made of short
 * sentences from a small grammar with no pronoun "she" or "he" in it. A <em>distractor</em> is a
 * further name written over one filler word; the pronoun still agrees with the character who came
 * in first.
 *
 * <p>Distractor genders: {@link Distractors#RANDOM} (each distractor is a woman's or a man's name
 * with equal odds; use it for training, so that "the opposite of the last name" is no shortcut)
 * and {@link Distractors#OPPOSITE} (every distractor has the other gender: the hard test, the
 * attractors of Linzen et al. 2016). All draws come from the {@link Random} passed in.
 */
public final class PronounDialogues {

    /** The gender of the distractor names. */
    public enum Distractors { RANDOM, OPPOSITE }

    /**
     * One scene.
     *
     * @param words the input words, d + 2 of them, ending with "then"
     * @param pronoun "she" or "he", the word to predict
     * @param genderedPosition the index in {@code words} of the word that fixes the gender (always 1)
     * @param distractorPositions the indices of the distractor names
     */
    public record Scene(List<String> words, String pronoun, int genderedPosition, List<Integer> distractorPositions) {
        public int distance() {
            return words.size() - genderedPosition - 1;
        }
    }

    static final List<String> WOMEN = List.of("rosa", "ilse", "maren", "tove", "greta", "alba", "nadia", "petra");
    static final List<String> MEN = List.of("bruno", "karel", "anton", "joost", "felix", "oskar", "lukas", "emil");
    static final List<String> SUBJECTS = List.of("i", "you", "we", "they", "nobody", "everyone");
    static final List<String> VERBS = List.of("watch", "like", "hate", "want", "remember", "sell", "fix", "need");
    static final List<String> DETERMINERS = List.of("the", "one", "that", "every");
    static final List<String> NOUNS = List.of("show", "pilot", "car", "coffee", "radio", "burger", "film", "song",
            "table", "letter");
    static final List<String> ENDINGS = List.of(".", "?", "!");
    static final List<String> FRAME = List.of("enter", "a", "woman", "man", "enters", "then");
    public static final List<String> PRONOUNS = List.of("she", "he");

    /** The shortest distance with no distractors: room for the frame words ("a woman enters . … then" has 3 between). */
    public static final int MIN_DISTANCE = 3;

    private static final Vocabulary VOCABULARY = buildVocabulary();

    private PronounDialogues() {
    }

    private static Vocabulary buildVocabulary() {
        List<String> all = new ArrayList<>();
        for (List<String> group : List.of(FRAME, WOMEN, MEN, SUBJECTS, VERBS, DETERMINERS, NOUNS, ENDINGS, PRONOUNS)) {
            all.addAll(group);
        }
        return Vocabulary.ofTokens(all);
    }

    /** Every word, in a fixed order; "she" and "he" are the last two. */
    public static Vocabulary vocabulary() {
        return VOCABULARY;
    }

    /** The two output classes: 0 = "she", 1 = "he". */
    public static Vocabulary pronouns() {
        return Vocabulary.ofTokens(PRONOUNS);
    }

    /**
     * One scene with {@code distance} words between the gendered word and the pronoun and
     * {@code distractors} other names in the filler.
     *
     * @throws IllegalArgumentException if distance &lt; {@link #MIN_DISTANCE} + distractors or distractors &lt; 0
     */
    public static Scene scene(int distance, int distractors, Distractors gender, Random random) {
        checkArguments(distance, distractors, gender, random);
        boolean woman = random.nextBoolean();
        boolean byName = random.nextBoolean();
        List<String> words = new ArrayList<>();
        if (byName) {
            words.add("enter");
            words.add(pick(woman ? WOMEN : MEN, random));
            words.add(".");
        } else {
            words.add("a");
            words.add(woman ? "woman" : "man");
            words.add("enters");
            words.add(".");
        }
        int filler = distance + 1 - words.size();   // words between the frame and "then"
        int fillerStart = words.size();
        words.addAll(filler(filler, random));
        words.add("then");
        // distractors: distinct filler positions, overwritten by names
        List<Integer> slots = new ArrayList<>();
        for (int p = fillerStart; p < fillerStart + filler; p++) {
            slots.add(p);
        }
        java.util.Collections.shuffle(slots, random);
        List<Integer> positions = new ArrayList<>(slots.subList(0, distractors));
        java.util.Collections.sort(positions);
        for (int p : positions) {
            boolean distractorWoman = gender == Distractors.OPPOSITE ? !woman : random.nextBoolean();
            words.set(p, pick(distractorWoman ? WOMEN : MEN, random));
        }
        return new Scene(List.copyOf(words), woman ? "she" : "he", 1, List.copyOf(positions));
    }

    /**
     * A batch of {@code size} scenes of one distance: inputs one-hot over {@link #vocabulary()}
     * (d + 2 steps, each size x V), one target one-hot over {she, he}.
     */
    public static Batch batch(int distance, int distractors, Distractors gender, int size, Random random) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        int steps = distance + 2;
        int[][] ids = new int[size][];
        int[] targets = new int[size];
        for (int b = 0; b < size; b++) {
            Scene s = scene(distance, distractors, gender, random);
            ids[b] = VOCABULARY.encode(s.words());
            targets[b] = PRONOUNS.indexOf(s.pronoun());
        }
        List<Matrix> inputs = OneHot.sequence(ids, VOCABULARY.size());
        if (inputs.size() != steps) {
            throw new IllegalStateException("expected " + steps + " steps, got " + inputs.size());
        }
        return Batch.of(inputs, OneHot.rows(targets, PRONOUNS.size()));
    }

    /**
     * A batch for a word-level language model: {@code size} scenes of one distance, where the
     * inputs are the d + 2 words and the targets are the same words one step later, so the last
     * target is the pronoun. Inputs and targets are one-hot over {@link #vocabulary()}.
     */
    public static Batch languageModelBatch(int distance, int distractors, Distractors gender, int size, Random random) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        int[][] in = new int[size][];
        int[][] out = new int[size][];
        for (int b = 0; b < size; b++) {
            Scene s = scene(distance, distractors, gender, random);
            int[] ids = VOCABULARY.encode(s.words());
            in[b] = ids;
            out[b] = new int[ids.length];
            System.arraycopy(ids, 1, out[b], 0, ids.length - 1);
            out[b][ids.length - 1] = VOCABULARY.id(s.pronoun());
        }
        int v = VOCABULARY.size();
        return Batch.of(OneHot.sequence(in, v), OneHot.sequence(out, v));
    }

    /** One scene's words as T = d + 2 one-hot rows (each 1 x V), ready for a model's forward pass. */
    public static List<Matrix> inputs(Scene scene) {
        if (scene == null) {
            throw new IllegalArgumentException("scene must not be null");
        }
        return OneHot.sequence(new int[][] {VOCABULARY.encode(scene.words())}, VOCABULARY.size());
    }

    /** Exactly n filler words: sentences "subject verb determiner noun ending", the last one cut short. */
    static List<String> filler(int n, Random random) {
        List<String> out = new ArrayList<>(n + 5);
        while (out.size() < n) {
            out.add(pick(SUBJECTS, random));
            out.add(pick(VERBS, random));
            out.add(pick(DETERMINERS, random));
            out.add(pick(NOUNS, random));
            out.add(pick(ENDINGS, random));
        }
        return new ArrayList<>(out.subList(0, n));
    }

    private static String pick(List<String> words, Random random) {
        return words.get(random.nextInt(words.size()));
    }

    private static void checkArguments(int distance, int distractors, Distractors gender, Random random) {
        if (distractors < 0) {
            throw new IllegalArgumentException("distractors must be >= 0, got " + distractors);
        }
        if (distance < MIN_DISTANCE + distractors) {
            throw new IllegalArgumentException("distance must be >= " + (MIN_DISTANCE + distractors) + " for "
                    + distractors + " distractors (the frame words plus one filler word per distractor), got " + distance);
        }
        if (gender == null || random == null) {
            throw new IllegalArgumentException("gender and random must not be null");
        }
    }
}

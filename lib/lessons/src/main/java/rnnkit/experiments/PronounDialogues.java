package rnnkit.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import rnnkit.data.OneHot;
import rnnkit.data.Vocabulary;
import rnnkit.data.Batch;
import rnnkit.tensor.Matrix;

/**
 * Synthetic scenes for the pronoun task: a character comes in, people talk about television for a
 * while, and then the model must say whether "she" or "he" comes next.
 *
 * <pre>
 *   enter  rosa  .  what is a pilot ? i never watch television . bruno agrees .  then  → she
 *   a  man  enters .  they send the pilot to the network . right .  so          then  → he
 *          ^ the gendered word          d words between it and the pronoun            ^ target
 * </pre>
 *
 * <p>The gender is given either by a name (half the scenes) or by the noun "woman" / "man". The
 * <em>distance</em> d counts the words after the gendered word up to and including "then", the last one
 * before the pronoun, so every sequence has d + 2 input words (the gendered word sits second). The talk in between is made of
 * whole sentences of a small grammar ({@link #TEMPLATES}: replies, "we agree .", "they make one
 * show .", "that show is a pilot .", "they send the pilot to the network ." and a few more), all in
 * English word order with agreeing verbs, and never a "she" or "he". When one word is left over it is
 * "so", just before "then" ("so then she …"). A <em>distractor</em> is another character named in
 * the talk, as the subject of its own sentence ("bruno agrees .") or two at a time ("bruno and petra
 * agree ."); the pronoun still agrees with the character who came in first. Each distractor needs
 * room, so a distance holds at most {@link #maxDistractors} of them (none at d = 5, one from d = 6, two
 * from d = 8).
 *
 * <p>Distractor genders: {@link Distractors#RANDOM} (each distractor is a woman's or a man's name
 * with equal odds; use it for training, so that "the opposite of the last name" is no shortcut)
 * and {@link Distractors#OPPOSITE} (every distractor has the other gender: the hard test, the
 * attractors of Linzen, Dupoux and Goldberg 2016). All draws come from the {@link Random} passed in.
 *
 * <p>{@link #PILOT} is a hand-written scene of the same grammar with the shape of the pilot-episode
 * exchange in M. Kramer's "GRUs and LSTMs for Natural Language Processing": a woman is named first,
 * then two people spend 100 words on what a television pilot is, and the next word needs "she".
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

    static final List<String> WOMEN = List.of("rosa", "ilse", "maren", "tove", "greta", "alba", "nadia", "petra", "mia");
    static final List<String> MEN = List.of("bruno", "karel", "anton", "joost", "felix", "oskar", "lukas", "emil");
    static final List<String> SUBJECTS = List.of("i", "you", "we", "they");
    static final List<String> VERBS = List.of("watch", "like", "make", "want", "sell", "send", "pick", "need", "know",
            "remember");
    static final List<String> INTRANSITIVE = List.of("know", "see", "agree", "wait");
    static final List<String> INTRANSITIVE_THIRD = List.of("knows", "sees", "agrees", "waits");
    static final List<String> DETERMINERS = List.of("the", "one", "that", "every", "a");
    static final List<String> NOUNS = List.of("show", "pilot", "series", "network", "channel", "program", "film", "song");
    static final List<String> PLURALS = List.of("shows", "pilots", "films", "songs", "programs", "television");
    static final List<String> REPLIES = List.of("yes", "no", "right", "okay");
    static final List<String> QUESTIONS = List.of("really", "why");
    static final List<String> ENDINGS = List.of(".", "?");
    static final List<String> FRAME = List.of("enter", "a", "woman", "man", "enters", "then", "so");
    static final List<String> GLUE = List.of("what", "is", "never", "on", "to", "and", ".", "?");
    public static final List<String> PRONOUNS = List.of("she", "he");

    /**
     * The sentences the talk is made of, one word or slot per entry: S a subject, V a verb, VI an
     * intransitive verb, D a determiner, N a noun, NS a plural or mass noun, R a reply, Q a one-word
     * question, E "." or "?"; any other entry is itself.
     */
    public static final List<List<String>> TEMPLATES = List.of(
            List.of("R", "."),
            List.of("Q", "?"),
            List.of("S", "VI", "E"),
            List.of("S", "V", "NS", "E"),
            List.of("S", "V", "D", "N", "E"),
            List.of("what", "is", "D", "N", "?"),
            List.of("S", "never", "V", "NS", "E"),
            List.of("D", "N", "is", "D", "N", "E"),
            List.of("S", "V", "D", "N", "on", "television", "E"),
            List.of("S", "V", "D", "N", "to", "D", "N", "E"));

    /** The sentences that name other characters: P a name, VI3 an intransitive verb with -s. */
    static final List<List<String>> NAMED = List.of(
            List.of("P", "VI3", "E"),
            List.of("P", "and", "P", "VI", "E"));

    /** The shortest distance there is: "a woman enters . then" (the distance counts "then"). */
    public static final int MIN_DISTANCE = 3;

    /**
     * The pilot scene, one sentence per line after the first, which names the woman. Its distance is
     * 100: the full stop after her name, the 98 words of the lines below the first, and "then".
     */
    public static final List<String> PILOT = List.of(
            "enter mia .",
            "what is a pilot ?",
            "you watch the series on television ?",
            "i never watch television .",
            "right .",
            "you know every program on television ?",
            "yes .",
            "they make one show .",
            "that show is a pilot .",
            "they send the pilot to the network .",
            "they watch the pilot .",
            "they pick shows .",
            "they like the pilot ?",
            "they make the series .",
            "no .",
            "they sell the pilot .",
            "okay .",
            "really ?",
            "yes .",
            "every pilot is a show .",
            "one pilot is a series .",
            "i know .",
            "you see ?",
            "right .",
            "okay .");

    private static final Vocabulary VOCABULARY = buildVocabulary();

    private PronounDialogues() {
    }

    private static Vocabulary buildVocabulary() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        for (List<String> group : List.of(FRAME, GLUE, WOMEN, MEN, SUBJECTS, VERBS, INTRANSITIVE, INTRANSITIVE_THIRD,
                DETERMINERS, NOUNS, PLURALS, REPLIES, QUESTIONS, ENDINGS, List.of("television"))) {
            all.addAll(group);
        }
        all.addAll(PRONOUNS);
        return Vocabulary.ofTokens(new ArrayList<>(all));
    }

    /** Every word, in a fixed order; "she" and "he" are the last two. */
    public static Vocabulary vocabulary() {
        return VOCABULARY;
    }

    /** The two output classes: 0 = "she", 1 = "he". */
    public static Vocabulary pronouns() {
        return Vocabulary.ofTokens(PRONOUNS);
    }

    /** The most distractors a scene of this distance has room for (each named sentence takes 3 or 5 words). */
    public static int maxDistractors(int distance) {
        int room = distance - 3;                 // the frame "a man enters ." leaves d - 3 words of talk
        int k = 0;
        while (namedLength(k + 1) <= room) {
            k++;
        }
        return k;
    }

    /** The shortest distance with room for {@code distractors} distractors. */
    public static int minimumDistance(int distractors) {
        return 3 + namedLength(distractors);
    }

    private static int namedLength(int k) {
        return 5 * (k / 2) + 3 * (k % 2);
    }

    /**
     * The pilot scene cut to distance {@code distance}: the first line, then, in their
     * order, the lines of {@link #PILOT} chosen so that their words add up exactly (the earliest
     * lines first), then "then". At 100 it is the whole scene.
     *
     * @throws IllegalArgumentException if no choice of lines has that many words
     */
    public static Scene pilot(int distance) {
        List<List<String>> lines = new ArrayList<>();
        for (String line : PILOT.subList(1, PILOT.size())) {
            lines.add(List.of(line.split(" ")));
        }
        int target = distance - 2;                     // the "." after the name and "then" count
        // reachable[i][s]: lines i.. can add up to s exactly
        boolean[][] reachable = new boolean[lines.size() + 1][Math.max(target, 0) + 1];
        reachable[lines.size()][0] = true;
        for (int i = lines.size() - 1; i >= 0; i--) {
            for (int s = 0; s <= target; s++) {
                int len = lines.get(i).size();
                reachable[i][s] = reachable[i + 1][s] || (s >= len && reachable[i + 1][s - len]);
            }
        }
        if (target < 0 || !reachable[0][target]) {
            throw new IllegalArgumentException("distance: no choice of the pilot scene's lines has " + distance
                    + " words between the name and \"then\"");
        }
        List<String> words = new ArrayList<>(List.of(PILOT.get(0).split(" ")));
        int left = target;
        for (int i = 0; i < lines.size() && left > 0; i++) {
            int len = lines.get(i).size();
            if (left >= len && reachable[i + 1][left - len]) {
                words.addAll(lines.get(i));
                left -= len;
            }
        }
        words.add("then");
        return new Scene(List.copyOf(words), "she", 1, List.of());
    }

    /** Whether {@code sentence} is one the grammar writes: a template or a named sentence, word for word. */
    public static boolean canWrite(List<String> sentence) {
        for (List<List<String>> group : List.of(TEMPLATES, NAMED)) {
            for (List<String> template : group) {
                if (matches(template, sentence)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The sentences of a scene's talk: the words between the first full stop and "then", cut after each "." or "?". */
    public static List<List<String>> sentences(Scene scene) {
        List<String> w = scene.words();
        int start = w.indexOf(".") + 1;
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (int p = start; p < w.size() - 1; p++) {
            current.add(w.get(p));
            if (w.get(p).equals(".") || w.get(p).equals("?") || w.get(p).equals("so")) {
                out.add(List.copyOf(current));
                current.clear();
            }
        }
        if (!current.isEmpty()) {
            out.add(List.copyOf(current));
        }
        return out;
    }

    private static boolean matches(List<String> template, List<String> sentence) {
        if (template.size() != sentence.size()) {
            return false;
        }
        for (int i = 0; i < template.size(); i++) {
            if (!slotWords(template.get(i)).contains(sentence.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> slotWords(String slot) {
        return switch (slot) {
            case "S" -> SUBJECTS;
            case "V" -> VERBS;
            case "VI" -> INTRANSITIVE;
            case "VI3" -> INTRANSITIVE_THIRD;
            case "D" -> DETERMINERS;
            case "N" -> NOUNS;
            case "NS" -> PLURALS;
            case "R" -> REPLIES;
            case "Q" -> QUESTIONS;
            case "E" -> ENDINGS;
            case "P" -> {
                List<String> names = new ArrayList<>(WOMEN);
                names.addAll(MEN);
                yield names;
            }
            default -> List.of(slot);
        };
    }

    /**
     * One scene with {@code distance} words between the gendered word and the pronoun and
     * {@code distractors} other names in the talk.
     *
     * @throws IllegalArgumentException if distance &lt; {@link #minimumDistance}(distractors) or distractors &lt; 0
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
        int talk = distance + 1 - words.size();   // words between the frame and "then"
        // the named sentences: pairs first, then a single one
        List<List<String>> named = new ArrayList<>();
        for (int k = distractors; k > 0; k -= 2) {
            named.add(new ArrayList<>(k >= 2 ? NAMED.get(1) : NAMED.get(0)));
        }
        int left = talk - namedLength(distractors);
        List<List<String>> sentences = new ArrayList<>();
        while (left >= 2) {
            List<List<String>> fit = new ArrayList<>();
            for (List<String> t : TEMPLATES) {
                if (t.size() <= left) {
                    fit.add(t);
                }
            }
            List<String> t = fit.get(random.nextInt(fit.size()));
            sentences.add(new ArrayList<>(t));
            left -= t.size();
        }
        for (List<String> n : named) {
            sentences.add(random.nextInt(sentences.size() + 1), n);
        }
        if (left == 1) {
            sentences.add(List.of("so"));
        }
        List<Integer> positions = new ArrayList<>();
        for (List<String> sentence : sentences) {
            for (String slot : sentence) {
                if (slot.equals("P")) {
                    boolean distractorWoman = gender == Distractors.OPPOSITE ? !woman : random.nextBoolean();
                    positions.add(words.size());
                    words.add(pick(distractorWoman ? WOMEN : MEN, random));
                } else {
                    List<String> choices = slotWords(slot);
                    words.add(choices.size() == 1 ? choices.get(0) : pick(choices, random));
                }
            }
        }
        words.add("then");
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

    private static String pick(List<String> words, Random random) {
        return words.get(random.nextInt(words.size()));
    }

    private static void checkArguments(int distance, int distractors, Distractors gender, Random random) {
        if (distractors < 0) {
            throw new IllegalArgumentException("distractors must be >= 0, got " + distractors);
        }
        if (distance < minimumDistance(distractors)) {
            throw new IllegalArgumentException("distance must be >= " + minimumDistance(distractors) + " for "
                    + distractors + " distractors (the frame words plus a sentence per name or pair of names), got "
                    + distance);
        }
        if (gender == null || random == null) {
            throw new IllegalArgumentException("gender and random must not be null");
        }
    }
}

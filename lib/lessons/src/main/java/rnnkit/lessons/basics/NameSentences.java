package rnnkit.lessons.basics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

import rnnkit.data.Vocabulary;

/**
 * Small six-word sentences in which some words are people's names, for per-word name detection
 * (lesson 01): {@code "rose and omar take the boat"} is tagged {@code 1 0 1 0 0 0}, and so is the example
 * of M. Kramer's "RNNs for Natural Language Processing" (CodeX, Medium), "Vincent and Jules take the
 * place", which the first pattern can write.
 *
 * <p>Every word is lower case, so a capital letter never gives a name away. Six words are both a
 * name and a thing ({@link #AMBIGUOUS}: rose, ivy, iris, ruby, pearl, amber): "ruby" is a name in
 * {@code "we met ruby near the lamp"} and a thing in {@code "a ruby fell next to hugo"}. Only the
 * words before them tell which, so a tagger that reads one word at a time cannot be right about them
 * more often than by guessing, while a recurrent tagger, whose hidden state remembers the words so
 * far, can. In the pattern {@code "_ and _ ..."} even the previous word is not enough: "and" follows a
 * name in {@code "rose and ivy take the boat"} and a thing in {@code "the rose and ivy look fine"}.
 *
 * <p>The six patterns ({@code N} a name slot, {@code O} a thing slot, {@code V} a verb):
 * <pre>
 *   N and N V the O        the O and O look fine     we met N near the O
 *   N gave the O to N      they saw the O with N     a O fell next to N
 * </pre>
 * A name slot draws from the six {@link #NAMES} and the six ambiguous words, a thing slot from the six
 * {@link #THINGS} and the six ambiguous words, so each ambiguous word is a name about half the time.
 */
public final class NameSentences {

    /** Words that are only ever names. */
    public static final List<String> NAMES = List.of("vincent", "jules", "omar", "lena", "hugo", "tariq");

    /** Words that are only ever things. */
    public static final List<String> THINGS = List.of("boat", "river", "lamp", "garden", "table", "place");

    /** Words that are a name in some sentences and a thing in others. */
    public static final List<String> AMBIGUOUS = List.of("rose", "ivy", "iris", "ruby", "pearl", "amber");

    /** The verbs of the first pattern. */
    public static final List<String> VERBS = List.of("take", "find", "paint", "watch");

    /** The patterns, one word or slot per entry: "N" a name, "O" a thing, "V" a verb. */
    static final List<List<String>> PATTERNS = List.of(
            List.of("N", "and", "N", "V", "the", "O"),
            List.of("the", "O", "and", "O", "look", "fine"),
            List.of("we", "met", "N", "near", "the", "O"),
            List.of("N", "gave", "the", "O", "to", "N"),
            List.of("they", "saw", "the", "O", "with", "N"),
            List.of("a", "O", "fell", "next", "to", "N"));

    /** Every sentence has this many words. */
    public static final int LENGTH = 6;

    /**
     * One tagged sentence.
     *
     * @param words the words, lower case
     * @param names whether each word is a name (same length)
     */
    public record Sentence(List<String> words, List<Boolean> names) {

        public Sentence {
            if (words == null || names == null || words.isEmpty()) {
                throw new IllegalArgumentException("a sentence needs at least one word and one tag per word");
            }
            if (words.size() != names.size()) {
                throw new IllegalArgumentException("names: expected one tag per word (" + words.size() + "), got " + names.size());
            }
            words = List.copyOf(words);
            names = List.copyOf(names);
        }

        /**
         * A sentence written with a star before each name: {@code Sentence.parse("*rose and *omar take the boat")}.
         *
         * @throws IllegalArgumentException if the text is empty or a star stands alone
         */
        public static Sentence parse(String text) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("text must hold at least one word, got " + (text == null ? "null" : "\"" + text + "\""));
            }
            List<String> words = new ArrayList<>();
            List<Boolean> names = new ArrayList<>();
            for (String token : text.trim().split("\\s+")) {
                boolean name = token.startsWith("*");
                String word = name ? token.substring(1) : token;
                if (word.isEmpty()) {
                    throw new IllegalArgumentException("text: a '*' must be followed by a word, in \"" + text + "\"");
                }
                words.add(word);
                names.add(name);
            }
            return new Sentence(words, names);
        }

        /** T, the number of words. */
        public int length() {
            return words.size();
        }

        /** The tags as 0/1. */
        public int[] tags() {
            return names.stream().mapToInt(b -> b ? 1 : 0).toArray();
        }

        /** The words joined by spaces, each name starred: the form {@link #parse} reads. */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            for (int t = 0; t < words.size(); t++) {
                s.append(t == 0 ? "" : " ").append(names.get(t) ? "*" : "").append(words.get(t));
            }
            return s.toString();
        }
    }

    private final Random random;

    /** A generator whose sentences all come from {@code new Random(seed)}. */
    public NameSentences(long seed) {
        this.random = new Random(seed);
    }

    /** The next random sentence. */
    public Sentence next() {
        List<String> pattern = PATTERNS.get(random.nextInt(PATTERNS.size()));
        List<String> words = new ArrayList<>(LENGTH);
        List<Boolean> names = new ArrayList<>(LENGTH);
        for (String slot : pattern) {
            switch (slot) {
                case "N" -> {
                    words.add(pick(NAMES, AMBIGUOUS));
                    names.add(true);
                }
                case "O" -> {
                    words.add(pick(THINGS, AMBIGUOUS));
                    names.add(false);
                }
                case "V" -> {
                    words.add(VERBS.get(random.nextInt(VERBS.size())));
                    names.add(false);
                }
                default -> {
                    words.add(slot);
                    names.add(false);
                }
            }
        }
        return new Sentence(words, names);
    }

    /** The next {@code n} sentences. */
    public List<Sentence> sample(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        List<Sentence> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(next());
        }
        return out;
    }

    /** Every word any sentence can use, in a fixed order: names, ambiguous words, things, then the rest. */
    public static Vocabulary vocabulary() {
        LinkedHashSet<String> words = new LinkedHashSet<>();
        words.addAll(NAMES);
        words.addAll(AMBIGUOUS);
        words.addAll(THINGS);
        words.addAll(VERBS);
        for (List<String> pattern : PATTERNS) {
            for (String w : pattern) {
                if (!w.equals("N") && !w.equals("O") && !w.equals("V")) {
                    words.add(w);
                }
            }
        }
        return Vocabulary.ofTokens(new ArrayList<>(words));
    }

    /** Whether {@code word} is a name in some sentences and not in others. */
    public static boolean isAmbiguous(String word) {
        return AMBIGUOUS.contains(word);
    }

    /** The patterns, for showing them. */
    public static List<String> patterns() {
        List<String> out = new ArrayList<>();
        for (List<String> p : PATTERNS) {
            out.add(String.join(" ", p));
        }
        return Collections.unmodifiableList(out);
    }

    private String pick(List<String> only, List<String> ambiguous) {
        int k = random.nextInt(only.size() + ambiguous.size());
        return k < only.size() ? only.get(k) : ambiguous.get(k - only.size());
    }
}

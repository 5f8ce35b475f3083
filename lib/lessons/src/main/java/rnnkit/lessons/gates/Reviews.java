package rnnkit.lessons.gates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import rnnkit.data.OneHot;
import rnnkit.data.Vocabulary;
import rnnkit.data.Batch;
import rnnkit.tensor.Matrix;

/**
 * A small generated corpus of movie reviews in the spirit of the review in Kumar (2019), "the first half was dry but
 * the second half picked up pace; the lead actor was amazing". A review is one to three clauses
 * joined by "but", "and" or ";"; each clause gives one opinion about one part of the film:
 *
 * <pre>
 *   clause = "the" part ("was" ["really" | "quite"] adjective | "picked up pace" | "dragged on") [aside]
 *   part   = plot | music | ending | script | cast | first half | second half | lead actor
 *   aside  = for me | in my view | to be honest | if you ask me
 * </pre>
 *
 * <p><b>The label is the verdict of the last clause</b> (positive or negative): a review that ends on
 * a high note is positive however it began. So a model must keep the latest opinion, let go of the
 * earlier ones, and hold on to it through an aside ("to be honest") that may follow; the function
 * words ("the", "was", "but", the asides, ...) carry no label information at all.
 *
 * <p>Reviews are at most {@link #MAX_LENGTH} words. {@link #batch(List)} pads on the left with
 * {@code <pad>} so that all reviews of a batch end at the same step, where the many-to-one model reads
 * the verdict. Targets are one-hot rows over {@code [negative, positive]}.
 */
public final class Reviews {

    /** One review: its words and whether its verdict (the last clause) is positive. */
    public record Review(List<String> words, boolean positive) {
        public Review {
            if (words == null || words.isEmpty()) {
                throw new IllegalArgumentException("words: a review needs at least one word");
            }
            words = List.copyOf(words);
        }

        /** The words joined by spaces. */
        public String text() {
            return String.join(" ", words);
        }
    }

    /** The padding token, id 0. */
    public static final String PAD = "<pad>";

    /** The longest review the generator writes: three clauses of ten words (with an aside) and two connectors. */
    public static final int MAX_LENGTH = 32;

    static final List<String> PARTS = List.of("plot", "music", "ending", "script", "cast", "first half", "second half",
            "lead actor");
    static final List<String> POSITIVE = List.of("amazing", "great", "gripping", "funny", "moving", "superb");
    static final List<String> NEGATIVE = List.of("dry", "dull", "boring", "slow", "awful", "flat");
    static final List<String> INTENSIFIERS = List.of("really", "quite");
    static final List<String> CONNECTORS = List.of("but", "and", ";");
    static final List<String> ASIDES = List.of("for me", "in my view", "to be honest", "if you ask me");
    static final String PICKED_UP_PACE = "picked up pace";
    static final String DRAGGED_ON = "dragged on";

    private static final Set<String> STOP_WORDS;
    private static final Set<String> SENTIMENT_WORDS;
    private static final Vocabulary VOCABULARY;

    static {
        List<String> sentiment = new ArrayList<>(POSITIVE);
        sentiment.addAll(NEGATIVE);
        sentiment.addAll(words(PICKED_UP_PACE));
        sentiment.addAll(words(DRAGGED_ON));
        SENTIMENT_WORDS = Set.copyOf(sentiment);
        List<String> function = new ArrayList<>(List.of("the", "was"));
        function.addAll(INTENSIFIERS);
        function.addAll(CONNECTORS);
        for (String aside : ASIDES) {
            for (String w : words(aside)) {
                if (!function.contains(w)) {
                    function.add(w);
                }
            }
        }
        STOP_WORDS = Set.copyOf(function);
        List<String> tokens = new ArrayList<>(List.of(PAD));
        tokens.addAll(function);
        for (String part : PARTS) {
            for (String w : words(part)) {
                if (!tokens.contains(w)) {
                    tokens.add(w);
                }
            }
        }
        tokens.addAll(sentiment);
        VOCABULARY = Vocabulary.ofTokens(tokens);
    }

    private final Random random;

    /** A generator whose reviews all come from {@code new Random(seed)}. */
    public Reviews(long seed) {
        this.random = new Random(seed);
    }

    /** The vocabulary of every review: {@code <pad>} first (id 0), then function words, parts and opinions. */
    public static Vocabulary vocabulary() {
        return VOCABULARY;
    }

    /** The words of a text separated by spaces. */
    public static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text must hold at least one word, got " + (text == null ? "null" : "\"" + text + "\""));
        }
        return Arrays.asList(text.trim().split("\\s+"));
    }

    /**
     * The review of Kumar (2019), in this corpus's words: it starts badly and ends well, so its verdict is
     * positive.
     */
    public static Review articleReview() {
        return new Review(words("the first half was dry but the second half picked up pace ; the lead actor was amazing"), true);
    }

    /**
     * Whether a word is a function word that carries no opinion: "the", "was", "really", "quite", "but",
     * "and", ";" and the words of the asides ("for me", "in my view", "to be honest", "if you ask me").
     */
    public static boolean isStopWord(String word) {
        return STOP_WORDS.contains(word);
    }

    /** Whether a word carries an opinion: an adjective, or a word of "picked up pace" or "dragged on". */
    public static boolean isSentimentWord(String word) {
        return SENTIMENT_WORDS.contains(word);
    }

    /** The next review. */
    public Review next() {
        int clauses = 1 + random.nextInt(3);
        List<String> out = new ArrayList<>();
        boolean positive = false;
        for (int k = 0; k < clauses; k++) {
            if (k > 0) {
                out.add(pick(CONNECTORS));
            }
            positive = random.nextBoolean();
            out.add("the");
            out.addAll(words(pick(PARTS)));
            if (random.nextDouble() < 0.25) {
                out.addAll(words(positive ? PICKED_UP_PACE : DRAGGED_ON));
            } else {
                out.add("was");
                if (random.nextDouble() < 0.3) {
                    out.add(pick(INTENSIFIERS));
                }
                out.add(pick(positive ? POSITIVE : NEGATIVE));
            }
            if (random.nextDouble() < 0.35) {
                out.addAll(words(pick(ASIDES)));
            }
        }
        return new Review(out, positive);
    }

    /** The next n reviews. */
    public List<Review> next(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        List<Review> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(next());
        }
        return out;
    }

    /**
     * The reviews as a many-to-one batch: T = the longest review's length, shorter reviews padded on the
     * left with {@code <pad>}; inputs are one-hot rows over the vocabulary (B x V per step), the target is
     * B x 2 with a 1 in column 1 for a positive verdict and in column 0 for a negative one.
     */
    public static Batch batch(List<Review> reviews) {
        if (reviews == null || reviews.isEmpty()) {
            throw new IllegalArgumentException("reviews: a batch needs at least one review");
        }
        int steps = reviews.stream().mapToInt(r -> r.words().size()).max().getAsInt();
        int[][] ids = new int[reviews.size()][steps];
        int[] labels = new int[reviews.size()];
        for (int b = 0; b < reviews.size(); b++) {
            List<String> w = reviews.get(b).words();
            int offset = steps - w.size();
            for (int t = 0; t < w.size(); t++) {
                ids[b][offset + t] = VOCABULARY.id(w.get(t));
            }
            labels[b] = reviews.get(b).positive() ? 1 : 0;
        }
        return Batch.of(OneHot.sequence(ids, VOCABULARY.size()), OneHot.rows(labels, 2));
    }

    /** One review's words as T one-hot steps (1 x V each), without padding, for looking at its gates. */
    public static List<Matrix> encode(List<String> words) {
        int[][] ids = {VOCABULARY.encode(words)};
        return OneHot.sequence(ids, VOCABULARY.size());
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}

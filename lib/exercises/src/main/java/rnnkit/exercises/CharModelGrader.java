package rnnkit.exercises;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import rnnkit.grading.Expect;
import rnnkit.grading.Submission;
import rnnkit.grading.TimeAllowed;
import rnnkit.tensor.Matrix;

/**
 * Grades the capstone ({@link CharModel}) on what a trained model does, measured by the grader itself:
 * it trains the student's model on {@link NameCorpus#names(long)} (seed 2026) for {@link #STEPS} steps
 * within the time allowed, measures the loss through {@link CharModel#next} (not the numbers train
 * returns), and samples 300 names: most must end with the end token, most must be new, and they must
 * look like the corpus (its letter pairs, its lengths).
 */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TimeAllowed(seconds = 60)
public class CharModelGrader {

    /** Training steps the grader asks for. */
    public static final int STEPS = 3000;
    /** The loss (nats per symbol, over the corpus, measured through next()) a trained model must reach. */
    public static final double LOSS_LEVEL = 2.2;
    static final long SEED = 2026;
    static final int SAMPLES = 300;
    static final int MAX_LENGTH = 20;

    static final List<String> NAMES = NameCorpus.names(SEED);

    /** The model the first test trained, shared by the tests that measure it (null until then). */
    private static volatile CharModel trained;
    private static volatile List<Double> losses;

    private static CharModel trained() {
        Expect.that(trained != null, "the model did not train (see the first test), so there is nothing to measure");
        return trained;
    }

    @Test
    @Order(1)
    @DisplayName("train: one finite loss per step, falling from about ln 27 = 3.3")
    void trains(CharModel model) {
        trained = null;
        List<Double> l = model.train(new ArrayList<>(NAMES), STEPS, 1);
        Expect.that(l != null && l.size() == STEPS, "train must return the loss of each of the %d steps, got %s", STEPS,
                l == null ? "null" : l.size() + " values");
        for (int k = 0; k < l.size(); k++) {
            Expect.that(l.get(k) != null && Double.isFinite(l.get(k)) && l.get(k) >= 0,
                    "the loss of step %d is %s: a cross-entropy is finite and >= 0 (an exploding gradient? clip it)", k, l.get(k));
        }
        double first = mean(l.subList(0, 10));
        double last = mean(l.subList(l.size() - 200, l.size()));
        Expect.that(first > 2.8, "the first steps' loss is %.3f, already far below ln 27 = 3.3: train must start from "
                + "small random weights (and report the loss of each step)", first);
        Expect.that(last < first - 0.5, "the loss went from %.3f (first 10 steps) to only %.3f (last 200): is the update "
                + "applied (p -= rate * grad) to the same matrices the forward pass reads, and is the gradient's sign right?",
                first, last);
        trained = model;
        losses = l;
    }

    @Test
    @Order(2)
    @DisplayName("next: a (1, 27) row of probabilities, summing to 1")
    void probabilities(CharModel unused) {
        CharModel model = trained();
        for (String prefix : List.of("", "ka", "dorel", "zzz")) {
            Matrix p = model.next(prefix);
            Expect.that(p != null && p.rows() == 1 && p.cols() == NameCorpus.ALPHABET.length(),
                    "next(\"%s\") must be (1, 27), one probability per symbol of NameCorpus.ALPHABET, got %s", prefix,
                    p == null ? "null" : p.shape());
            Expect.that(p.firstNonFinite() < 0, "next(\"%s\") holds NaN or infinity: subtract the row's max before exp", prefix);
            double sum = 0;
            for (int k = 0; k < p.cols(); k++) {
                Expect.that(p.get(0, k) >= 0, "next(\"%s\") has a negative probability at %d: apply the softmax", prefix, k);
                sum += p.get(0, k);
            }
            Expect.that(Math.abs(sum - 1) < 1e-6, "next(\"%s\") sums to %.6f, not 1: apply the softmax to the logits", prefix, sum);
        }
    }

    @Test
    @Order(3)
    @DisplayName("the loss over the corpus, measured by the grader through next(), is below " + LOSS_LEVEL + " nats per symbol")
    void lossLevel(CharModel unused) {
        CharModel model = trained();
        double measured = corpusLoss(model, NAMES.subList(0, 300));
        double reported = mean(losses.subList(losses.size() - 200, losses.size()));
        Expect.that(Math.abs(reported - measured) < 0.4, "train reported a loss of %.3f at the end, but the model's loss "
                + "measured through next() is %.3f: are the losses those of the model next() uses?", reported, measured);
        Expect.that(measured < LOSS_LEVEL, "the model's loss over the names is %.3f nats per symbol, above %.1f: train "
                + "longer, raise the learning rate, or check the backward pass (a unigram model scores about 2.9)", measured, LOSS_LEVEL);
    }

    @Test
    @Order(4)
    @DisplayName("samples end properly: at most 5% run to the length limit, none is empty or holds a symbol outside a-z")
    void samplesEnd(CharModel unused) {
        List<String> samples = samples(trained(), new Random(7));
        long cut = samples.stream().filter(s -> s.length() >= MAX_LENGTH).count();
        Expect.that(cut <= SAMPLES / 20, "%d of %d samples ran to the length limit of %d: stop at the end token '%s' "
                + "(and do not include it)", cut, SAMPLES, MAX_LENGTH, NameCorpus.END);
        for (String s : samples) {
            Expect.that(s.chars().allMatch(ch -> ch >= 'a' && ch <= 'z'), "the sample \"%s\" holds a symbol outside a to z "
                    + "(the end token is not part of the name)", s);
        }
        long empty = samples.stream().filter(String::isEmpty).count();
        Expect.that(empty <= SAMPLES / 20, "%d of %d samples are empty: the end token came first", empty, SAMPLES);
    }

    @Test
    @Order(5)
    @DisplayName("most samples are new: at least 60% are not in the corpus, and at least 80% differ from each other")
    void samplesNew(CharModel unused) {
        List<String> samples = samples(trained(), new Random(8));
        Set<String> corpus = new HashSet<>(NAMES);
        long fresh = samples.stream().filter(s -> !corpus.contains(s)).count();
        long distinct = samples.stream().distinct().count();
        Expect.that(distinct >= SAMPLES * 0.8, "only %d of %d samples differ from each other: draw each symbol at random "
                + "from next()'s probabilities (not the most likely one)", distinct, SAMPLES);
        Expect.that(fresh >= SAMPLES * 0.6, "only %d of %d samples are new names: the model repeats its corpus", fresh, SAMPLES);
    }

    @Test
    @Order(6)
    @DisplayName("samples look like the corpus: 95% of their letter pairs occur in it, mean length within 25%")
    void samplesAlike(CharModel unused) {
        List<String> samples = samples(trained(), new Random(9));
        Set<String> pairs = new HashSet<>();
        double corpusLength = 0;
        for (String n : NAMES) {
            pairs.addAll(pairs("^" + n + "$"));
            corpusLength += n.length();
        }
        corpusLength /= NAMES.size();
        int total = 0;
        int known = 0;
        double length = 0;
        for (String s : samples) {
            for (String p : pairs("^" + s + "$")) {
                total++;
                known += pairs.contains(p) ? 1 : 0;
            }
            length += s.length();
        }
        length /= samples.size();
        double share = known / (double) Math.max(1, total);
        Expect.that(share >= 0.95, "%.1f%% of the samples' letter pairs occur in the corpus, expected 95%%: do the samples "
                + "follow next()'s probabilities (a uniform draw gives about 40%%)?", 100 * share);
        Expect.that(Math.abs(length - corpusLength) <= 0.25 * corpusLength, "the samples are %.1f letters long on average, "
                + "the corpus's names %.1f", length, corpusLength);
    }

    @Test
    @Order(7)
    @DisplayName("sample uses only the Random it is given: the same seed gives the same names")
    void reproducible(CharModel unused) {
        CharModel model = trained();
        Expect.that(samples(model, new Random(5)).equals(samples(model, new Random(5))),
                "two Randoms with the same seed gave different samples: draw only from the Random you are given");
    }

    static List<String> samples(CharModel model, Random random) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < SAMPLES; k++) {
            String s = model.sample(random, MAX_LENGTH);
            Expect.that(s != null, "sample returned null");
            Expect.that(s.length() <= MAX_LENGTH, "sample returned %d letters, more than maxLength = %d", s.length(), MAX_LENGTH);
            out.add(s);
        }
        return out;
    }

    /** Mean -ln p(symbol | prefix) over every symbol of the names, the end token included. */
    static double corpusLoss(CharModel model, List<String> names) {
        double sum = 0;
        int count = 0;
        for (String name : names) {
            String full = name + NameCorpus.END;
            for (int t = 0; t < full.length(); t++) {
                Matrix p = model.next(full.substring(0, t));
                double q = p.get(0, NameCorpus.index(full.charAt(t)));
                sum += -Math.log(Math.max(q, 1e-300));
                count++;
            }
        }
        return sum / count;
    }

    private static List<String> pairs(String s) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k + 1 < s.length(); k++) {
            out.add(s.substring(k, k + 2));
        }
        return out;
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CharModelGrader(%d steps, loss level %.1f)", STEPS, LOSS_LEVEL);
    }
}

package rnnkit.lessons.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import rnnkit.data.Batch;
import rnnkit.tensor.Matrix;

@DisplayName("Reviews")
class ReviewsTest {

    @Nested
    @DisplayName("the generator")
    class Generator {

        @Test
        @DisplayName("labels a review by the opinion of its last clause")
        void verdictIsLastClause() {
            Reviews reviews = new Reviews(7);
            for (Reviews.Review r : reviews.next(500)) {
                String lastOpinion = null;
                for (String w : r.words()) {
                    if (Reviews.POSITIVE.contains(w) || w.equals("picked")) {
                        lastOpinion = "+";
                    } else if (Reviews.NEGATIVE.contains(w) || w.equals("dragged")) {
                        lastOpinion = "-";
                    }
                }
                assertEquals(r.positive() ? "+" : "-", lastOpinion, r.text());
            }
        }

        @Test
        @DisplayName("writes one to three clauses, at most MAX_LENGTH words, in the vocabulary")
        void shapes() {
            List<Reviews.Review> all = new Reviews(3).next(2000);
            int longest = 0;
            boolean mixed = false;
            for (Reviews.Review r : all) {
                long clauses = r.words().stream().filter(w -> w.equals("the")).count();
                assertTrue(clauses >= 1 && clauses <= 3, r.text());
                longest = Math.max(longest, r.words().size());
                Reviews.vocabulary().encode(r.words()); // throws on an unknown word
                boolean hasPositive = r.words().stream().anyMatch(Reviews.POSITIVE::contains);
                boolean hasNegative = r.words().stream().anyMatch(Reviews.NEGATIVE::contains);
                mixed |= hasPositive && hasNegative;
            }
            assertTrue(longest <= Reviews.MAX_LENGTH && longest >= Reviews.MAX_LENGTH - 4, "longest " + longest);
            assertTrue(mixed, "some reviews change their mind");
            long positives = all.stream().filter(Reviews.Review::positive).count();
            assertTrue(positives > 900 && positives < 1100, "about half positive: " + positives);
        }

        @Test
        @DisplayName("is reproducible from its seed")
        void seeded() {
            assertEquals(new Reviews(11).next(50), new Reviews(11).next(50));
            assertFalse(new Reviews(11).next(50).equals(new Reviews(12).next(50)));
        }
    }

    @Test
    @DisplayName("Kumar's review is in the corpus's language and ends positive")
    void articleReview() {
        Reviews.Review r = Reviews.articleReview();
        assertTrue(r.positive());
        assertEquals(18, r.words().size());
        assertEquals("amazing", r.words().get(17));
        assertEquals(r.words().size(), Reviews.encode(r.words()).size());
    }

    @Test
    @DisplayName("classifies words: opinions, function words, and neither")
    void wordClasses() {
        assertTrue(Reviews.isSentimentWord("dry"));
        assertTrue(Reviews.isSentimentWord("pace"));
        assertTrue(Reviews.isStopWord("but"));
        assertTrue(Reviews.isStopWord("honest"));
        assertFalse(Reviews.isStopWord("actor"));
        assertFalse(Reviews.isSentimentWord("actor"));
        assertEquals("film part", ReviewGates.classOf("actor"));
    }

    @Nested
    @DisplayName("a batch")
    class Batches {

        @Test
        @DisplayName("pads on the left so every review ends at the last step, with one-hot targets")
        void padding() {
            Reviews.Review shortOne = new Reviews.Review(Reviews.words("the plot was dull"), false);
            Reviews.Review longOne = Reviews.articleReview();
            Batch batch = Reviews.batch(List.of(shortOne, longOne));
            assertEquals(18, batch.steps());
            int pad = Reviews.vocabulary().id(Reviews.PAD);
            assertEquals(0, pad);
            for (int t = 0; t < 14; t++) {
                assertEquals(1.0, batch.inputs().get(t).get(0, pad), "step " + t);
            }
            assertEquals(1.0, batch.inputs().get(17).get(0, Reviews.vocabulary().id("dull")));
            assertEquals(1.0, batch.inputs().get(17).get(1, Reviews.vocabulary().id("amazing")));
            Matrix y = batch.targets().get(0);
            assertEquals(Matrix.of(new double[][] {{1, 0}, {0, 1}}), y);
        }

        @Test
        @DisplayName("refuses an empty list and a word outside the vocabulary")
        void badInput() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reviews.batch(List.of()));
            assertTrue(e.getMessage().contains("reviews"));
            assertThrows(IllegalArgumentException.class, () -> Reviews.encode(List.of("the", "popcorn")));
            assertThrows(IllegalArgumentException.class, () -> Reviews.words("  "));
        }
    }
}

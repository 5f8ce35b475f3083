package rnnkit.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import rnnkit.experiments.PronounDialogues.Distractors;
import rnnkit.experiments.PronounDialogues.Scene;
import rnnkit.data.Batch;

@DisplayName("PronounDialogues")
class PronounDialoguesTest {

    @Nested
    @DisplayName("a scene")
    class Scenes {

        @Test
        @DisplayName("has exactly d words between the gendered word and the pronoun, for every distance and distractor count")
        void distance() {
            Random random = new Random(1);
            for (int d : new int[] {5, 6, 10, 20, 50, 100}) {
                for (int k = 0; k <= Math.min(2, PronounDialogues.maxDistractors(d)); k++) {
                    for (int n = 0; n < 20; n++) {
                        Scene s = PronounDialogues.scene(d, k, Distractors.OPPOSITE, random);
                        assertEquals(d + 2, s.words().size(), s.words().toString());
                        assertEquals(d, s.distance());
                        assertEquals("then", s.words().get(s.words().size() - 1));
                        assertEquals(k, s.distractorPositions().size());
                    }
                }
            }
        }

        @Test
        @DisplayName("is written in whole sentences of the grammar, at every distance and distractor count")
        void grammatical() {
            Random random = new Random(4);
            for (int d : new int[] {3, 4, 5, 6, 8, 10, 33, 100}) {
                for (int k = 0; k <= Math.min(2, PronounDialogues.maxDistractors(d)); k++) {
                    Scene s = PronounDialogues.scene(d, k, Distractors.RANDOM, random);
                    for (var sentence : PronounDialogues.sentences(s)) {
                        assertTrue(sentence.equals(java.util.List.of("so")) || PronounDialogues.canWrite(sentence),
                                sentence + " in " + s.words());
                    }
                }
            }
        }

        @Test
        @DisplayName("the pilot scene is the grammar's, 100 words long, and cuts to 50, 20 and 5 words")
        void pilot() {
            for (int d : new int[] {100, 50, 20, 5}) {
                Scene s = PronounDialogues.pilot(d);
                assertEquals(d, s.distance(), s.words().toString());
                assertEquals("mia", s.words().get(1));
                for (var sentence : PronounDialogues.sentences(s)) {
                    assertTrue(PronounDialogues.canWrite(sentence), sentence.toString());
                }
            }
            assertThrows(IllegalArgumentException.class, () -> PronounDialogues.pilot(1));
        }

        @Test
        @DisplayName("states the gender at position 1 with a name or woman/man, and the pronoun agrees")
        void agreement() {
            Random random = new Random(2);
            for (int n = 0; n < 200; n++) {
                Scene s = PronounDialogues.scene(10, 0, Distractors.RANDOM, random);
                String w = s.words().get(1);
                boolean woman = PronounDialogues.WOMEN.contains(w) || w.equals("woman");
                boolean man = PronounDialogues.MEN.contains(w) || w.equals("man");
                assertTrue(woman ^ man, "position 1 must be gendered: " + s.words());
                assertEquals(woman ? "she" : "he", s.pronoun());
            }
        }

        @Test
        @DisplayName("has no pronoun and no other name in the filler when there are no distractors")
        void cleanFiller() {
            Random random = new Random(3);
            for (int n = 0; n < 100; n++) {
                Scene s = PronounDialogues.scene(30, 0, Distractors.RANDOM, random);
                for (int p = 2; p < s.words().size(); p++) {
                    String w = s.words().get(p);
                    assertTrue(!PronounDialogues.WOMEN.contains(w) && !PronounDialogues.MEN.contains(w)
                            && !PronounDialogues.PRONOUNS.contains(w), "filler word " + w + " in " + s.words());
                }
            }
        }

        @Test
        @DisplayName("puts opposite-gender names at the distractor positions in the OPPOSITE setting")
        void opposite() {
            Random random = new Random(4);
            for (int n = 0; n < 100; n++) {
                Scene s = PronounDialogues.scene(20, 2, Distractors.OPPOSITE, random);
                List<String> other = s.pronoun().equals("she") ? PronounDialogues.MEN : PronounDialogues.WOMEN;
                for (int p : s.distractorPositions()) {
                    assertTrue(p >= 2 && p < s.words().size() - 1, "position " + p);
                    assertTrue(other.contains(s.words().get(p)), s.words() + " at " + p);
                }
            }
        }

        @Test
        @DisplayName("draws both genders and both distractor genders in the RANDOM setting")
        void randomGenders() {
            Random random = new Random(5);
            int she = 0;
            int sameGenderDistractor = 0;
            for (int n = 0; n < 400; n++) {
                Scene s = PronounDialogues.scene(20, 1, Distractors.RANDOM, random);
                she += s.pronoun().equals("she") ? 1 : 0;
                String d = s.words().get(s.distractorPositions().get(0));
                List<String> same = s.pronoun().equals("she") ? PronounDialogues.WOMEN : PronounDialogues.MEN;
                sameGenderDistractor += same.contains(d) ? 1 : 0;
            }
            assertTrue(she > 150 && she < 250, "she in " + she + " of 400");
            assertTrue(sameGenderDistractor > 150 && sameGenderDistractor < 250, "same gender " + sameGenderDistractor);
        }

        @Test
        @DisplayName("is the same for the same seed and differs for another")
        void seeded() {
            assertEquals(PronounDialogues.scene(50, 2, Distractors.RANDOM, new Random(7)),
                    PronounDialogues.scene(50, 2, Distractors.RANDOM, new Random(7)));
            assertNotEquals(PronounDialogues.scene(50, 2, Distractors.RANDOM, new Random(7)),
                    PronounDialogues.scene(50, 2, Distractors.RANDOM, new Random(8)));
        }

        @Test
        @DisplayName("refuses a distance too short for its distractors, naming the argument")
        void badArguments() {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> PronounDialogues.scene(4, 2, Distractors.RANDOM, new Random(1)));
            assertTrue(e.getMessage().contains("distance"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> PronounDialogues.scene(10, -1, Distractors.RANDOM, new Random(1)));
        }
    }

    @Nested
    @DisplayName("a batch")
    class Batches {

        @Test
        @DisplayName("for the classifier has d + 2 one-hot steps and one she/he target per scene")
        void classifier() {
            Batch b = PronounDialogues.batch(10, 1, Distractors.RANDOM, 8, new Random(1));
            assertEquals(12, b.steps());
            assertEquals(8, b.batchSize());
            assertEquals(PronounDialogues.vocabulary().size(), b.inputs().get(0).cols());
            assertEquals(1, b.targets().size());
            assertEquals(2, b.targets().get(0).cols());
            for (int r = 0; r < 8; r++) {
                assertEquals(1.0, b.targets().get(0).get(r, 0) + b.targets().get(0).get(r, 1));
            }
        }

        @Test
        @DisplayName("for the language model targets the next word at every step and the pronoun last")
        void languageModel() {
            Batch b = PronounDialogues.languageModelBatch(6, 0, Distractors.RANDOM, 4, new Random(1));
            assertEquals(8, b.steps());
            assertEquals(8, b.targets().size());
            var v = PronounDialogues.vocabulary();
            for (int r = 0; r < 4; r++) {
                for (int t = 0; t < 7; t++) {
                    assertEquals(b.inputs().get(t + 1).rowAt(r), b.targets().get(t).rowAt(r), "step " + t);
                }
                double pronoun = b.targets().get(7).get(r, v.id("she")) + b.targets().get(7).get(r, v.id("he"));
                assertEquals(1.0, pronoun);
            }
        }
    }
}

package rnnkit.lessons.basics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import rnnkit.data.Vocabulary;
import rnnkit.lessons.basics.NameSentences.Sentence;

@DisplayName("NameSentences")
class NameSentencesTest {

    @Nested
    @DisplayName("a generated sentence")
    class Generated {

        final List<Sentence> sample = new NameSentences(5).sample(600);

        @Test
        @DisplayName("has six words and a tag per word")
        void sixWords() {
            for (Sentence s : sample) {
                assertEquals(NameSentences.LENGTH, s.words().size(), s.toString());
                assertEquals(NameSentences.LENGTH, s.names().size(), s.toString());
            }
        }

        @Test
        @DisplayName("tags exactly the words in name slots: names-only words always, things-only words never")
        void tagsFollowTheWordLists() {
            for (Sentence s : sample) {
                for (int t = 0; t < s.length(); t++) {
                    String w = s.words().get(t);
                    if (NameSentences.NAMES.contains(w)) {
                        assertTrue(s.names().get(t), s.toString());
                    } else if (!NameSentences.AMBIGUOUS.contains(w)) {
                        assertTrue(!s.names().get(t), s.toString());
                    }
                }
            }
        }

        @Test
        @DisplayName("uses every ambiguous word both as a name and as a thing")
        void ambiguousWordsPlayBothRoles() {
            Set<String> asName = new HashSet<>();
            Set<String> asThing = new HashSet<>();
            for (Sentence s : sample) {
                for (int t = 0; t < s.length(); t++) {
                    String w = s.words().get(t);
                    if (NameSentences.isAmbiguous(w)) {
                        (s.names().get(t) ? asName : asThing).add(w);
                    }
                }
            }
            assertEquals(Set.copyOf(NameSentences.AMBIGUOUS), asName);
            assertEquals(Set.copyOf(NameSentences.AMBIGUOUS), asThing);
        }

        @Test
        @DisplayName("only uses words of the vocabulary")
        void wordsAreInTheVocabulary() {
            Vocabulary v = NameSentences.vocabulary();
            for (Sentence s : sample) {
                assertEquals(s.length(), v.encode(s.words()).length);
            }
        }
    }

    @Test
    @DisplayName("the same seed gives the same sentences, another seed others")
    void deterministic() {
        assertEquals(new NameSentences(9).sample(50), new NameSentences(9).sample(50));
        assertNotEquals(new NameSentences(9).sample(50), new NameSentences(10).sample(50));
    }

    @Test
    @DisplayName("the vocabulary holds each word once, names first")
    void vocabulary() {
        Vocabulary v = NameSentences.vocabulary();
        assertEquals(0, v.id("vincent"));
        assertEquals(v.size(), new HashSet<>(v.tokens()).size());
        assertTrue(v.tokens().containsAll(List.of("and", "the", "met", "rose", "boat", "take")));
    }

    @Nested
    @DisplayName("Sentence.parse")
    class Parse {

        @Test
        @DisplayName("reads a star as 'this word is a name' and round-trips through toString")
        void stars() {
            Sentence s = Sentence.parse("*rose and *omar take the boat");
            assertEquals(List.of("rose", "and", "omar", "take", "the", "boat"), s.words());
            assertArrayEquals(new int[] {1, 0, 1, 0, 0, 0}, s.tags());
            assertEquals(s, Sentence.parse(s.toString()));
        }

        @Test
        @DisplayName("rejects an empty text and a lone star, naming the argument")
        void badText() {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Sentence.parse(" ")).getMessage().contains("text"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Sentence.parse("* and")).getMessage().contains("'*'"));
        }

        @Test
        @DisplayName("a sentence needs one tag per word")
        void tagCount() {
            var e = assertThrows(IllegalArgumentException.class, () -> new Sentence(List.of("a", "b"), List.of(true)));
            assertTrue(e.getMessage().contains("names"), e.getMessage());
        }
    }

    @Test
    @DisplayName("sample rejects n < 1")
    void sampleSize() {
        assertThrows(IllegalArgumentException.class, () -> new NameSentences(1).sample(0));
    }
}

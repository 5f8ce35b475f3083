package rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import rnnkit.data.Batch;
import rnnkit.tensor.Matrix;

@DisplayName("data helpers")
class DataTest {

    @Test
    @DisplayName("a character vocabulary is sorted and round-trips")
    void vocabulary() {
        Vocabulary v = Vocabulary.ofChars("hello");
        assertEquals(List.of("e", "h", "l", "o"), v.tokens());
        assertArrayEquals(new int[] {1, 0, 2, 2, 3}, v.encodeChars("hello"));
        assertEquals("hello", v.decode(v.encodeChars("hello")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.id("z"));
        assertTrue(e.getMessage().contains("'z'"), e.getMessage());
    }

    @Test
    @DisplayName("one-hot rows and sequences")
    void oneHot() {
        assertEquals(Matrix.of(new double[][] {{0, 1, 0}, {1, 0, 0}}), OneHot.rows(new int[] {1, 0}, 3));
        List<Matrix> seq = OneHot.sequence(new int[][] {{0, 1}, {2, 2}}, 3);
        assertEquals(2, seq.size());
        assertEquals(Matrix.of(new double[][] {{0, 1, 0}, {0, 0, 1}}), seq.get(1));
        assertArrayEquals(new int[] {1, 0}, OneHot.argmax(OneHot.rows(new int[] {1, 0}, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OneHot.rows(new int[] {3}, 3));
        assertTrue(e.getMessage().contains("ids[0]") && e.getMessage().contains("3"), e.getMessage());
    }

    @Test
    @DisplayName("corpus chunks continue each other, targets are the inputs shifted by one")
    void chunks() {
        CharCorpus c = new CharCorpus("abcdefghijklmnopqrstuvwxyz");
        Vocabulary v = c.vocabulary();
        Batch first = c.chunk(0, 4, 2);
        Batch second = c.chunk(1, 4, 2);
        assertFalse(first.continuesPrevious());
        assertTrue(second.continuesPrevious());
        // stream 0 reads a b c d | e f g h ...; stream 1 starts at character 12, "m"
        assertEquals("a", v.token(OneHot.argmax(first.inputs().get(0))[0]));
        assertEquals("m", v.token(OneHot.argmax(first.inputs().get(0))[1]));
        assertEquals("e", v.token(OneHot.argmax(second.inputs().get(0))[0]));
        assertEquals("b", v.token(OneHot.argmax(first.targets().get(0))[0]));
        assertEquals("e", v.token(OneHot.argmax(first.targets().get(3))[0]));
        // 12 characters per stream make 3 chunks; chunk 3 starts a new pass
        assertFalse(c.chunk(3, 4, 2).continuesPrevious());
    }

    @Test
    @DisplayName("windows of n characters with the next one as target, seeded")
    void windows() {
        CharCorpus c = new CharCorpus("abcabcabcabc");
        Batch a = c.windows(3, 4, new Random(1));
        Batch b = c.windows(3, 4, new Random(1));
        assertEquals(3, a.steps());
        assertEquals(1, a.targets().size());
        assertEquals(a, b);
        // in "abc" repeated, the character after a window is the window's first character
        assertArrayEquals(OneHot.argmax(a.inputs().get(0)), OneHot.argmax(a.targets().get(0)));
    }
}

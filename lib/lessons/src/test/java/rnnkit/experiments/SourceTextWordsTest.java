package rnnkit.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SourceText's words")
class SourceTextWordsTest {

    @Test
    @DisplayName("are runs of two or more letters, and a sample's known share counts those found in the text")
    void words() {
        assertEquals(List.of("public", "int", "xs", "ab"), SourceText.words("public int x = xs[0]; a1 ab"));
        Set<String> known = Set.copyOf(SourceText.words("public static int count"));
        assertEquals(0.5, SourceText.knownWordShare("public stuff", known), 1e-12);
        assertTrue(Double.isNaN(SourceText.knownWordShare("{ } ;", known)));
    }
}

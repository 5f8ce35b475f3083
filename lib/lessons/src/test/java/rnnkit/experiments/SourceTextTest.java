package rnnkit.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("SourceText")
class SourceTextTest {

    @Nested
    @DisplayName("signals")
    class Signals {

        @Test
        @DisplayName("brace depth counts code braces only, not those in comments or strings")
        void depth() {
            String text = "a{b{\"}\"//}\n}c}";
            double[] d = SourceText.braceDepth(text);
            //            a  {  b  {  "  }  "  /  /  }  \n }  c  }
            assertArrayEquals(new double[] {0, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 0}, d);
        }

        @Test
        @DisplayName("column counts the characters before each one on its line")
        void column() {
            assertArrayEquals(new double[] {0, 1, 2, 0, 0, 1}, SourceText.column("ab\n\ncd"));
        }

        @Test
        @DisplayName("comments: line and block comments, delimiters included")
        void comments() {
            String text = "x/*a*/y//b\nz";
            assertArrayEquals(new double[] {0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0}, SourceText.insideComment(text));
        }

        @Test
        @DisplayName("strings: quotes included, escaped quotes stay inside, a // inside a string is no comment")
        void strings() {
            String text = "s=\"a\\\"//\";";
            assertArrayEquals(new double[] {0, 0, 1, 1, 1, 1, 1, 1, 1, 0}, SourceText.insideString(text));
            assertEquals(0.0, SourceText.insideComment(text)[6]);
        }
    }

    @Nested
    @DisplayName("load")
    class Load {

        @Test
        @DisplayName("reads every .java file under a folder in path order, and nothing else")
        void folder(@TempDir Path dir) throws IOException {
            Files.createDirectories(dir.resolve("p"));
            Files.writeString(dir.resolve("p/B.java"), "class B {}");
            Files.writeString(dir.resolve("A.java"), "class A {}\r\n");
            Files.writeString(dir.resolve("notes.txt"), "not code");
            assertEquals("class A {}\n\n\nclass B {}\n\n", SourceText.load(dir));
        }

        @Test
        @DisplayName("reads a single text file")
        void file(@TempDir Path dir) throws IOException {
            Files.writeString(dir.resolve("t.txt"), "hello");
            assertEquals("hello", SourceText.load(dir.resolve("t.txt")));
        }

        @Test
        @DisplayName("says clearly when nothing is there")
        void missing(@TempDir Path dir) {
            var e = assertThrows(IllegalArgumentException.class, () -> SourceText.load(dir.resolve("nowhere")));
            assertTrue(e.getMessage().contains("no file or folder"), e.getMessage());
            var empty = assertThrows(IllegalArgumentException.class, () -> SourceText.load(dir));
            assertTrue(empty.getMessage().contains("no .java file"), empty.getMessage());
        }
    }
}

package rnnkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Figure")
class FigureTest {

    @Test
    @DisplayName("shows an SVG file inline, with its title as plain text, and refuses a missing or non-SVG file")
    void svg(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cell.svg");
        Files.writeString(file, "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><title>A cell</title></svg>\n");
        var data = Figure.svg(file.toString());
        assertTrue(data.getData(MIMEType.IMAGE_SVG).toString().startsWith("<svg"));
        assertEquals("A cell", data.getData(MIMEType.TEXT_PLAIN));
        assertThrows(IllegalArgumentException.class, () -> Figure.svg(dir.resolve("missing.svg").toString()));
        Path text = dir.resolve("note.txt");
        Files.writeString(text, "not a drawing");
        assertThrows(IllegalArgumentException.class, () -> Figure.svg(text.toString()));
    }
}

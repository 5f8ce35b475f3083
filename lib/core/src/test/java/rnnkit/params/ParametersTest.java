package rnnkit.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import rnnkit.cells.GruCell;
import rnnkit.tensor.Matrix;

@DisplayName("Parameters")
class ParametersTest {

    @Test
    @DisplayName("are looked up by name, live, in a fixed order, and counted")
    void byName() {
        GruCell cell = new GruCell(3, 4, 1);
        Parameters p = cell.parameters();
        assertEquals(List.of("Wxz", "Whz", "bz", "Wxr", "Whr", "br", "Wxh", "Whh", "bh"), p.names());
        assertSame(p.get("Whz"), p.get("Whz"));
        assertEquals(3 * 4 * (3 + 4 + 1), p.count());
        p.get("bz").set(0, 1, 2.5);
        assertEquals(2.5, cell.parameters().get("bz").get(0, 1));
    }

    @Test
    @DisplayName("an unknown name is refused, listing the known names")
    void unknownName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GruCell(3, 4, 1).parameters().get("Wz"));
        assertTrue(e.getMessage().contains("'Wz'") && e.getMessage().contains("Whz"), e.getMessage());
    }

    @Test
    @DisplayName("set copies values of the same shape and refuses another shape, naming both")
    void set() {
        Parameters p = new GruCell(3, 4, 1).parameters();
        Matrix w = Matrix.filled(3, 4, 0.5);
        p.set("Wxz", w);
        assertEquals(w, p.get("Wxz"));
        assertNotSame(w, p.get("Wxz"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.set("Wxz", Matrix.zeros(4, 3)));
        assertTrue(e.getMessage().contains("Wxz") && e.getMessage().contains("(3, 4)") && e.getMessage().contains("(4, 3)"),
                e.getMessage());
    }

    @Test
    @DisplayName("zerosLike keeps names and shapes; globalNorm spans every tensor")
    void zerosAndNorm() {
        Parameters p = new Parameters();
        p.add("a", Matrix.row(3));
        p.add("b", Matrix.row(0, 4));
        assertEquals(5.0, p.globalNorm(), 1e-15);
        Parameters z = p.zerosLike();
        assertEquals(p.names(), z.names());
        assertEquals(Matrix.zeros(1, 2), z.get("b"));
        assertThrows(IllegalArgumentException.class, () -> p.add("a", Matrix.row(1)));
    }
}

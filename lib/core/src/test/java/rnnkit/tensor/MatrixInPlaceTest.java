package rnnkit.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Matrix in-place methods the cells use")
class MatrixInPlaceTest {

    @Test
    @DisplayName("addProductInPlace adds a b to this")
    void addProductInPlace() {
        Random r = new Random(1);
        Matrix a = Matrix.gaussian(2, 3, 1, r);
        Matrix b = Matrix.gaussian(3, 4, 1, r);
        Matrix c = Matrix.gaussian(2, 4, 1, r);
        Matrix expected = c.plus(a.matmul(b));
        Matrix out = c.copy();
        assertSame(out, out.addProductInPlace(a, b));
        for (int k = 0; k < out.size(); k++) {
            assertEquals(expected.getFlat(k), out.getFlat(k), 1e-15);
        }
    }

    @Test
    @DisplayName("addProductInPlace refuses wrong shapes and an output that is also an input")
    void addProductInPlaceRefuses() {
        Matrix a = Matrix.zeros(2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Matrix.zeros(2, 3).addProductInPlace(Matrix.zeros(2, 4), Matrix.zeros(3, 3)));
        assertTrue(e.getMessage().contains("(2, 4) x (3, 3)") && e.getMessage().contains("(2, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.addProductInPlace(a, Matrix.identity(2)));
    }

    @Test
    @DisplayName("addRowInPlace adds the bias to every row")
    void addRowInPlace() {
        Matrix m = Matrix.of(new double[][] {{1, 2}, {3, 4}});
        m.addRowInPlace(Matrix.row(10, 20));
        assertEquals(Matrix.of(new double[][] {{11, 22}, {13, 24}}), m);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.addRowInPlace(Matrix.row(1, 2, 3)));
        assertTrue(e.getMessage().contains("(1, 3)"), e.getMessage());
    }

    @Test
    @DisplayName("mapInPlace replaces every entry")
    void mapInPlace() {
        Matrix m = Matrix.row(1, -2);
        assertSame(m, m.mapInPlace(v -> v * v));
        assertEquals(Matrix.row(1, 4), m);
    }
}

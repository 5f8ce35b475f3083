package rnnkit.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Matrix")
class MatrixTest {

    // | 1 2 3 |        | 1 0 |
    // | 4 5 6 |   B =  | 0 1 |
    //                  | 2 -1|
    static final Matrix A = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    static final Matrix B = Matrix.of(new double[][] {{1, 0}, {0, 1}, {2, -1}});

    @Nested
    @DisplayName("is built")
    class Building {

        @Test
        @DisplayName("from rows, copied, in row-major order")
        void fromRows() {
            double[][] rows = {{1, 2}, {3, 4}};
            Matrix m = Matrix.of(rows);
            rows[0][0] = 99;
            assertEquals(1.0, m.get(0, 0));
            assertEquals(3.0, m.getFlat(2));
            assertEquals("(2, 2)", m.shape());
        }

        @Test
        @DisplayName("only from rectangular rows, saying which row is off")
        void ragged() {
            var e = assertThrows(IllegalArgumentException.class, () -> Matrix.of(new double[][] {{1, 2}, {3}}));
            assertEquals("values must be rectangular: row 0 has 2 entries but row 1 has 1", e.getMessage());
        }

        @Test
        @DisplayName("never with a negative size")
        void negativeSize() {
            var e = assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(2, -3));
            assertEquals("cols must be >= 0, got -3", e.getMessage());
        }

        @Test
        @DisplayName("at random, the same for the same seed and different for another")
        void seeded() {
            assertEquals(Matrix.gaussian(3, 4, 0.1, new Random(7)), Matrix.gaussian(3, 4, 0.1, new Random(7)));
            assertNotEquals(Matrix.gaussian(3, 4, 0.1, new Random(7)), Matrix.gaussian(3, 4, 0.1, new Random(8)));
            Matrix u = Matrix.uniform(20, 20, 0.5, new Random(1));
            assertTrue(u.maxAbs() <= 0.5 && u.maxAbs() > 0.4, "uniform entries lie in [-0.5, 0.5): " + u.maxAbs());
        }

        @Test
        @DisplayName("as an identity with ones on the diagonal only")
        void identity() {
            assertEquals(Matrix.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}), Matrix.identity(3));
        }
    }

    @Nested
    @DisplayName("multiplies")
    class Products {

        @Test
        @DisplayName("A B by rows times columns")
        void matmul() {
            // row 0: (1*1 + 2*0 + 3*2, 1*0 + 2*1 + 3*(-1)) = (7, -1)
            // row 1: (4*1 + 5*0 + 6*2, 4*0 + 5*1 + 6*(-1)) = (16, -1)
            assertEquals(Matrix.of(new double[][] {{7, -1}, {16, -1}}), A.matmul(B));
        }

        @Test
        @DisplayName("with a transposed operand, as the transpose and a product would")
        void transposed() {
            Matrix c = Matrix.gaussian(2, 2, 1.0, new Random(3));
            assertEquals(A.transpose().matmul(c), A.matmulTransA(c));
            Matrix d = Matrix.gaussian(4, 3, 1.0, new Random(4));
            assertEquals(A.matmul(d.transpose()), A.matmulTransB(d));
        }

        @Test
        @DisplayName("only when the inner sizes agree, naming both shapes")
        void innerSizes() {
            var e = assertThrows(IllegalArgumentException.class, () -> A.matmul(A));
            assertEquals("matmul: inner sizes differ: (2, 3) x (2, 3)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> A.matmulTransA(B));
            assertEquals("matmulTransA: row counts differ: (2, 3)^T x (3, 2)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> A.matmulTransB(B));
            assertEquals("matmulTransB: column counts differ: (2, 3) x (3, 2)^T", e.getMessage());
        }
    }

    @Nested
    @DisplayName("combines entries")
    class EntryWise {

        @Test
        @DisplayName("into new matrices, leaving the operands alone")
        void newValues() {
            Matrix before = A.copy();
            assertEquals(Matrix.of(new double[][] {{2, 4, 6}, {8, 10, 12}}), A.plus(A));
            assertEquals(Matrix.zeros(2, 3), A.minus(A));
            assertEquals(Matrix.of(new double[][] {{1, 4, 9}, {16, 25, 36}}), A.times(A));
            assertEquals(Matrix.of(new double[][] {{-1, -2, -3}, {-4, -5, -6}}), A.scale(-1));
            assertEquals(Matrix.of(new double[][] {{1, 0, 1}, {0, 1, 0}}), A.map(v -> v % 2));
            assertEquals(before, A);
        }

        @Test
        @DisplayName("in place, returning the changed matrix itself")
        void inPlace() {
            Matrix m = A.copy();
            assertSame(m, m.addInPlace(A));
            assertSame(m, m.addScaledInPlace(-0.5, A));   // 2A - A/2 = 1.5 A
            assertSame(m, m.timesInPlace(Matrix.filled(2, 3, 2)));
            assertSame(m, m.scaleInPlace(1.0 / 3));     // 1.5 * 2 / 3 = 1
            assertEquals(A, m);
            assertEquals(Matrix.zeros(2, 3), m.zeroInPlace());
            assertEquals(A, m.copyFromInPlace(A));
        }

        @Test
        @DisplayName("only between equal shapes, naming the operation and both shapes")
        void shapes() {
            var e = assertThrows(IllegalArgumentException.class, () -> A.plus(B));
            assertEquals("plus: shapes differ: (2, 3) and (3, 2)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> A.copy().timesInPlace(B));
            assertEquals("timesInPlace: shapes differ: (2, 3) and (3, 2)", e.getMessage());
        }

        @Test
        @DisplayName("with a bias row added to every row, and summed back over rows")
        void bias() {
            Matrix b = Matrix.row(10, 20, 30);
            assertEquals(Matrix.of(new double[][] {{11, 22, 33}, {14, 25, 36}}), A.plusRow(b));
            assertEquals(Matrix.row(5, 7, 9), A.sumRows());
            var e = assertThrows(IllegalArgumentException.class, () -> A.plusRow(Matrix.row(1, 2)));
            assertEquals("plusRow: bias must be (1, 3) to add to (2, 3), but is (1, 2)", e.getMessage());
        }

        @Test
        @DisplayName("side by side, and sliced back apart")
        void concatAndSlice() {
            Matrix joined = A.concatCols(Matrix.of(new double[][] {{7}, {8}}));
            assertEquals(Matrix.of(new double[][] {{1, 2, 3, 7}, {4, 5, 6, 8}}), joined);
            assertEquals(A, joined.sliceCols(0, 3));
            assertThrows(IllegalArgumentException.class, () -> joined.sliceCols(2, 5));
        }
    }

    @Nested
    @DisplayName("reports")
    class Reports {

        @Test
        @DisplayName("sums, norms and the largest entry")
        void reductions() {
            assertEquals(21.0, A.sum());
            assertEquals(Math.sqrt(91), A.norm(), 1e-15);   // 1 + 4 + 9 + 16 + 25 + 36 = 91
            assertEquals(6.0, A.maxAbs());
        }

        @Test
        @DisplayName("the first entry that is NaN or infinite")
        void nonFinite() {
            assertEquals(-1, A.firstNonFinite());
            assertEquals(4, A.copy().set(1, 1, Double.NaN).firstNonFinite());
        }

        @Test
        @DisplayName("an entry outside it as an index error naming the entry and the shape")
        void outside() {
            var e = assertThrows(IndexOutOfBoundsException.class, () -> A.get(2, 0));
            assertEquals("entry (2, 0) is outside a matrix of shape (2, 3)", e.getMessage());
        }

        @Test
        @DisplayName("itself as text: its shape and its rows")
        void text() {
            assertEquals("Matrix(1, 2)\n[[   1.0000,   -0.5000]]", Matrix.row(1, -0.5).toString());
            assertTrue(Matrix.zeros(10, 10).toString().endsWith(" ...]"));
        }

        @Test
        @DisplayName("its rows and entries as copies")
        void copies() {
            assertEquals(Matrix.row(4, 5, 6), A.rowAt(1));
            double[][] rows = A.toArray();
            rows[0][0] = 100;
            assertArrayEquals(new double[] {1, 2, 3}, A.toArray()[0]);
        }
    }
}

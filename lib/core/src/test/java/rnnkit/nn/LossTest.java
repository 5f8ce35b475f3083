package rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnnkit.MatrixAssert.assertClose;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import rnnkit.Tolerances;
import rnnkit.tensor.Matrix;

@DisplayName("losses")
class LossTest {

    @Nested
    @DisplayName("softmax cross-entropy")
    class Softmax {
        private final Loss loss = Loss.softmaxCrossEntropy();

        @Test
        @DisplayName("by hand: logits (0, ln 3), target class 1 -> -ln(3/4)")
        void byHand() {
            // softmax(0, ln 3) = (1/4, 3/4); the loss of class 1 is -ln(3/4) = 0.2876820724517809
            Loss.Value v = loss.evaluate(Matrix.row(0, Math.log(3)), Matrix.row(0, 1));
            assertEquals(0.2876820724517809, v.value(), Tolerances.VALUE);
            // dL/dz = p - y = (1/4, -1/4)
            assertClose(Matrix.row(0.25, -0.25), v.dLogits(), Tolerances.VALUE, "dz");
        }

        @Test
        @DisplayName("is stable for huge logits and averages over the batch")
        void stable() {
            Matrix logits = Matrix.of(new double[][] {{1000, 1000 + Math.log(3)}, {-1000, -1000 + Math.log(3)}});
            Loss.Value v = loss.evaluate(logits, Matrix.of(new double[][] {{0, 1}, {0, 1}}));
            assertEquals(0.2876820724517809, v.value(), 1e-9);
            assertClose(Matrix.of(new double[][] {{0.125, -0.125}, {0.125, -0.125}}), v.dLogits(), 1e-9, "dz");
        }

        @Test
        @DisplayName("refuses targets of another shape, naming both shapes")
        void refusesShape() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.evaluate(Matrix.zeros(2, 3), Matrix.zeros(2, 4)));
            assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(2, 4)"), e.getMessage());
        }

        @Test
        @DisplayName("softmax with temperature sharpens and flattens")
        void temperature() {
            Matrix z = Matrix.row(1, 2);
            assertTrue(SoftmaxCrossEntropy.softmax(z, 0.5).get(0, 1) > SoftmaxCrossEntropy.softmax(z, 1).get(0, 1));
            assertTrue(SoftmaxCrossEntropy.softmax(z, 2).get(0, 1) < SoftmaxCrossEntropy.softmax(z, 1).get(0, 1));
            assertThrows(IllegalArgumentException.class, () -> SoftmaxCrossEntropy.softmax(z, 0));
        }
    }

    @Nested
    @DisplayName("sigmoid binary cross-entropy")
    class Sigmoid {
        private final Loss loss = Loss.sigmoidBinaryCrossEntropy();

        @Test
        @DisplayName("by hand: z = 0 gives ln 2 whatever the tag; gradient (σ(z) - y) / n")
        void byHand() {
            Loss.Value v = loss.evaluate(Matrix.row(0, 0), Matrix.row(1, 0));
            assertEquals(Math.log(2), v.value(), Tolerances.VALUE);
            assertClose(Matrix.row(-0.25, 0.25), v.dLogits(), Tolerances.VALUE, "dz");
        }

        @Test
        @DisplayName("is stable for huge logits")
        void stable() {
            // z = 1000 with y = 0 costs 1000; z = -1000 with y = 1 costs 1000; confident and right costs ~0
            Loss.Value v = loss.evaluate(Matrix.row(1000, -1000, 1000), Matrix.row(0, 1, 1));
            assertEquals(2000.0 / 3, v.value(), 1e-9);
        }

        @Test
        @DisplayName("refuses NaN targets, naming the entry")
        void refusesNaN() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.evaluate(Matrix.zeros(1, 2), Matrix.row(0, Double.NaN)));
            assertEquals("targets row 0: holds NaN at column 1; a target must be a finite number", e.getMessage());
        }
    }
}

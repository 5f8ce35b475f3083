package rnnkit.lessons.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import rnnkit.tensor.Matrix;

@DisplayName("SpectralRadius")
class SpectralRadiusTest {

    @Test
    @DisplayName("of a diagonal matrix is its largest absolute entry, sign included")
    void diagonal() {
        Matrix w = Matrix.of(new double[][] {{0.3, 0, 0}, {0, -1.7, 0}, {0, 0, 1.2}});
        assertEquals(1.7, SpectralRadius.of(w), 1e-6);
    }

    @Test
    @DisplayName("of a scaled rotation (a complex pair ρ e^{±iθ}, where v never settles) is ρ")
    void rotation() {
        double rho = 0.9;
        double theta = 0.7;
        Matrix w = Matrix.of(new double[][] {{Math.cos(theta), -Math.sin(theta)}, {Math.sin(theta), Math.cos(theta)}}).scale(rho);
        assertEquals(rho, SpectralRadius.of(w), 1e-9);
    }

    @Test
    @DisplayName("of a triangular matrix is its largest diagonal entry, not its (larger) norm")
    void triangular() {
        // eigenvalues 0.5, 0.8, -0.6; the off-diagonal entries make ‖W‖ far larger than 0.8
        Matrix w = Matrix.of(new double[][] {{0.5, 4, -3}, {0, 0.8, 5}, {0, 0, -0.6}});
        assertEquals(0.8, SpectralRadius.of(w), 2e-3);
        assertTrue(w.norm() > 5, "the matrix norm is no estimate of the radius here");
    }

    @Test
    @DisplayName("rescaled gives a matrix of the requested radius and leaves its argument alone")
    void rescaled() {
        Matrix w = Matrix.of(new double[][] {{0.25, 0, 0}, {3, -0.5, 0}, {1, 2, 0.1}});
        Matrix copy = w.copy();
        Matrix r = SpectralRadius.rescaled(w, 1.2);
        assertEquals(copy, w);
        // triangular with diagonal 0.25, -0.5, 0.1 scaled by 1.2 / 0.5
        assertEquals(-0.5 * 1.2 / 0.5, r.get(1, 1), 1e-5);
        assertEquals(1.2, SpectralRadius.of(r), 1e-5);
    }

    @Test
    @DisplayName("of a random 32 x 32 matrix with entries of variance 1/n is near 1 (the circular law)")
    void circularLaw() {
        int n = 32;
        Matrix w = Matrix.gaussian(n, n, 1.0 / Math.sqrt(n), new Random(3));
        double rho = SpectralRadius.of(w);
        assertTrue(rho > 0.8 && rho < 1.25, "ρ = " + rho);
    }

    @Test
    @DisplayName("rejects a non-square matrix, NaN, and a radius below zero, naming the problem")
    void badInput() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpectralRadius.of(Matrix.zeros(2, 3))).getMessage()
                .contains("(2, 3)"));
        Matrix nan = Matrix.identity(2).set(1, 0, Double.NaN);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpectralRadius.of(nan)).getMessage().contains("NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpectralRadius.rescaled(Matrix.identity(2), -1)).getMessage()
                .contains("radius"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpectralRadius.rescaled(Matrix.zeros(2, 2), 1)).getMessage()
                .contains("spectral radius 0"));
    }
}

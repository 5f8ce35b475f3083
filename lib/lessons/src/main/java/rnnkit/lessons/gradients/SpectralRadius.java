package rnnkit.lessons.gradients;

import java.util.Random;

import rnnkit.tensor.Matrix;

/**
 * The spectral radius ρ(W) = max |λ| over the eigenvalues λ of a square matrix, and a copy of W
 * rescaled to a chosen radius.
 *
 * <p>Estimated by power iteration on row vectors, v ← v W / ‖v W‖, as the recurrence h ← h Whh
 * itself does: by Gelfand's formula ‖v W^n‖^{1/n} → ρ(W) for almost every start v. A real matrix's
 * largest eigenvalues often come as a complex pair, so the direction of v keeps turning and never
 * settles; the growth rate still does. The estimate is the mean growth per step over the second half
 * of the iterations, (‖v W^{2n}‖ / ‖v W^{n}‖)^{1/n}, which leaves the start's transient out.
 */
public final class SpectralRadius {

    /** Power-iteration steps by default (the estimate's relative error shrinks like 1/n). */
    public static final int DEFAULT_ITERATIONS = 2000;

    private SpectralRadius() {
    }

    /** ρ(W) with {@link #DEFAULT_ITERATIONS} steps from a fixed random start. */
    public static double of(Matrix w) {
        return of(w, DEFAULT_ITERATIONS, 12345L);
    }

    /**
     * ρ(W) by power iteration.
     *
     * @param iterations n: the estimate uses steps n+1..2n after n steps of burn-in
     * @param seed the seed of the random starting vector
     * @throws IllegalArgumentException if W is not square or holds NaN or infinity, or iterations &lt; 1
     */
    public static double of(Matrix w, int iterations, long seed) {
        requireSquare(w);
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        int n = w.rows();
        Random random = new Random(seed);
        Matrix v = Matrix.gaussian(1, n, 1.0, random);
        v.scaleInPlace(1.0 / v.norm());
        double logGrowth = 0;
        for (int step = 1; step <= 2 * iterations; step++) {
            v = v.matmul(w);                                   // (1, n)
            double norm = v.norm();
            if (norm == 0) {
                return 0.0;                                    // W is nilpotent on v: every |λ| = 0 along it
            }
            v.scaleInPlace(1.0 / norm);
            if (step > iterations) {
                logGrowth += Math.log(norm);
            }
        }
        return Math.exp(logGrowth / iterations);
    }

    /**
     * A copy of W scaled so that its spectral radius is {@code radius}: W · radius / ρ(W).
     *
     * @throws IllegalArgumentException if radius is negative or not finite, or ρ(W) is 0
     */
    public static Matrix rescaled(Matrix w, double radius) {
        if (!(radius >= 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("radius must be a finite number >= 0, got " + radius);
        }
        double rho = of(w);
        if (!(rho > 0)) {
            throw new IllegalArgumentException("w has spectral radius 0, so no scaling gives radius " + radius);
        }
        return w.scale(radius / rho);
    }

    private static void requireSquare(Matrix w) {
        if (w == null) {
            throw new IllegalArgumentException("w must not be null");
        }
        if (w.rows() != w.cols()) {
            throw new IllegalArgumentException("w must be square, got shape " + w.shape());
        }
        int k = w.firstNonFinite();
        if (k >= 0) {
            throw new IllegalArgumentException("w holds " + w.getFlat(k) + " at entry " + w.entry(k));
        }
    }
}

package rnnkit;

import static org.junit.jupiter.api.Assertions.fail;

import rnnkit.tensor.Matrix;

/** Matrix assertions that name the failing entry, both values and the error, and reject NaN. */
public final class MatrixAssert {

    private MatrixAssert() {
    }

    public static void assertClose(Matrix expected, Matrix actual, double tolerance, String what) {
        if (!expected.sameShape(actual)) {
            fail(what + ": expected shape " + expected.shape() + ", got " + actual.shape());
        }
        for (int i = 0; i < expected.rows(); i++) {
            for (int j = 0; j < expected.cols(); j++) {
                double e = expected.get(i, j);
                double a = actual.get(i, j);
                if (Double.isNaN(e) || Double.isNaN(a) || Math.abs(e - a) > tolerance) {
                    fail(String.format("%s: entry (%d, %d): expected %.17g, got %.17g, error %.3e > %.1e", what, i, j, e, a,
                            Math.abs(e - a), tolerance));
                }
            }
        }
    }

    public static void assertShape(int rows, int cols, Matrix actual, String what) {
        if (actual.rows() != rows || actual.cols() != cols) {
            fail(what + ": expected shape (" + rows + ", " + cols + "), got " + actual.shape());
        }
    }
}

package rnnkit.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;

import rnnkit.cells.RecurrentCell;
import rnnkit.cells.State;
import rnnkit.grading.Expect;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/** Small helpers the graders share: inputs, element-wise functions, and the reference cells' values. */
final class Fixtures {

    private Fixtures() {
    }

    static Matrix uniform(int rows, int cols, Random random) {
        return Matrix.uniform(rows, cols, 1.0, random);
    }

    static List<Matrix> sequence(int steps, int batch, int size, Random random) {
        List<Matrix> xs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            xs.add(uniform(batch, size, random));
        }
        return xs;
    }

    static Matrix tanh(Matrix m) {
        return m.map(Math::tanh);
    }

    static Matrix sigmoid(Matrix m) {
        return m.map(v -> 1.0 / (1.0 + Math.exp(-v)));
    }

    static Matrix relu(Matrix m) {
        return m.map(v -> Math.max(0.0, v));
    }

    /** A copy of the list with a copy of every matrix. */
    static List<Matrix> copies(List<Matrix> ms) {
        List<Matrix> out = new ArrayList<>();
        for (Matrix m : ms) {
            out.add(m.copy());
        }
        return out;
    }

    static Matrix oneMinus(Matrix m) {
        return m.map(v -> 1.0 - v);
    }

    /** x Wx + h Wh + b, with b added to every row. */
    static Matrix affine(Matrix x, Matrix wx, Matrix h, Matrix wh, Matrix b) {
        return x.matmul(wx).plus(h.matmul(wh)).plusRow(b);
    }

    /** Every row equal to the row vector b. */
    static Matrix rows(Matrix b, int count) {
        return Matrix.zeros(count, b.cols()).plusRow(b);
    }

    /** A copy of the cell's parameters, so a submission that writes into them cannot change the reference. */
    static Parameters copy(RecurrentCell cell) {
        return cell.parameters().copy();
    }

    /** Sets the named parameters of the cell to zero. */
    static void zero(RecurrentCell cell, String... names) {
        for (String n : names) {
            cell.parameters().get(n).zeroInPlace();
        }
    }

    /** Fills the named (bias) parameters of the cell with a value. */
    static void fill(RecurrentCell cell, double value, String... names) {
        for (String n : names) {
            cell.parameters().get(n).mapInPlace(v -> value);
        }
    }

    /** The reference cell's h after one step. */
    static Matrix refStep(RecurrentCell cell, Matrix x, State prev) {
        return cell.forward(List.of(x), prev).h(1);
    }

    static Matrix copyOf(Matrix m) {
        return m == null ? null : m.copy();
    }

    /** Whether the matrices hold the same values as the copies taken before a call. */
    static boolean unchanged(List<Matrix> before, List<Matrix> after) {
        for (int k = 0; k < before.size(); k++) {
            if (!before.get(k).equals(after.get(k))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks one entry, picked at random, of each named gradient against the centered difference
     * (L(w + ε) - L(w - ε)) / 2ε with ε = 1e-5, to a relative 1e-6. {@code loss} computes L from the
     * current values of {@code params}; each entry is put back after its two evaluations.
     *
     * @param missing what to add to "no gradient named W" when the student's gradients lack a name
     */
    static void agreesWithFiniteDifferences(Parameters params, Parameters grads, List<String> names, Random pick,
            DoubleSupplier loss, String missing) {
        for (String name : names) {
            Matrix w = params.get(name);
            Expect.that(grads.has(name), "no gradient named %s%s", name, missing);
            int i = pick.nextInt(w.rows());
            int j = pick.nextInt(w.cols());
            double old = w.get(i, j);
            double eps = 1e-5;
            w.set(i, j, old + eps);
            double plus = loss.getAsDouble();
            w.set(i, j, old - eps);
            double minus = loss.getAsDouble();
            w.set(i, j, old);
            double numeric = (plus - minus) / (2 * eps);
            double analytic = grads.get(name).get(i, j);
            Expect.that(Math.abs(numeric - analytic) <= 1e-6 * Math.max(1, Math.abs(numeric)),
                    "d%s(%d, %d) = %.6g but the finite difference (L(w + ε) - L(w - ε)) / 2ε gives %.6g",
                    name, i, j, analytic, numeric);
        }
    }
}

package rnnkit.lessons.gates;

import rnnkit.cells.RecurrentCell;
import rnnkit.cells.Trace;
import rnnkit.tensor.Matrix;

/**
 * Parameter surgery for comparing two conventions of a cell: copy the weights one cell shares with
 * another, flip the sign of a gate's weights, and measure how far two runs drift apart step by step.
 */
public final class Conventions {

    private Conventions() {
    }

    /**
     * Copies into {@code to} every parameter {@code from} has under the same name (shapes must agree);
     * parameters only one of them has are left alone. Returns {@code to}.
     *
     * @throws IllegalArgumentException if a shared name has different shapes, naming it and both shapes
     */
    public static <C extends RecurrentCell> C copyShared(RecurrentCell from, C to) {
        for (String name : from.parameters().names()) {
            if (to.parameters().has(name)) {
                Matrix source = from.parameters().get(name);
                Matrix target = to.parameters().get(name);
                if (!source.sameShape(target)) {
                    throw new IllegalArgumentException("parameter " + name + ": shapes differ, " + source.shape() + " vs "
                            + target.shape());
                }
                target.copyFromInPlace(source);
            }
        }
        return to;
    }

    /** Multiplies the named parameters of {@code cell} by -1 in place. Returns the cell. */
    public static <C extends RecurrentCell> C negate(C cell, String... names) {
        for (String name : names) {
            cell.parameters().get(name).scaleInPlace(-1.0);
        }
        return cell;
    }

    /** Sets every entry of the named parameter to {@code value}. Returns the cell. */
    public static <C extends RecurrentCell> C fill(C cell, String name, double value) {
        cell.parameters().get(name).mapInPlace(v -> value);
        return cell;
    }

    /**
     * For t = 1..T, the largest |a.h(t) - b.h(t)| over the batch and units: element t - 1 is step t.
     *
     * @throws IllegalArgumentException if the traces differ in steps or shapes
     */
    public static double[] stepDifferences(Trace a, Trace b) {
        if (a.steps() != b.steps()) {
            throw new IllegalArgumentException("traces differ in length: " + a.steps() + " vs " + b.steps() + " steps");
        }
        double[] out = new double[a.steps()];
        for (int t = 1; t <= a.steps(); t++) {
            Matrix ha = a.h(t);
            Matrix hb = b.h(t);
            if (!ha.sameShape(hb)) {
                throw new IllegalArgumentException("h(" + t + ") shapes differ: " + ha.shape() + " vs " + hb.shape());
            }
            out[t - 1] = ha.minus(hb).maxAbs();
        }
        return out;
    }
}

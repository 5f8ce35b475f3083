package rnnkit.exercises;

import java.util.ArrayList;
import java.util.List;

import rnnkit.cells.State;
import rnnkit.grading.Expect;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * What a grader hands to the student's code: copies, never the grader's own matrices, so the
 * expected values (computed from the originals) cannot be changed by the code under test. Each copy
 * is remembered with what it held when it was handed over; {@link #unchanged} then fails, naming the
 * first input the call wrote into. An in-place slip is thus reported once, by the test that checks
 * for it, and not as a cascade of "differs" in the tests that compare values.
 */
final class Inputs {

    private final List<String> names = new ArrayList<>();
    private final List<Matrix> handed = new ArrayList<>();
    private final List<Matrix> before = new ArrayList<>();
    private final List<List<Matrix>> lists = new ArrayList<>();
    private final List<List<Matrix>> listsBefore = new ArrayList<>();
    private final List<String> listNames = new ArrayList<>();

    /** A copy of m for the student, remembered under name (as the student knows it, e.g. "hPrev"). */
    Matrix of(String name, Matrix m) {
        if (m == null) {
            return null;
        }
        Matrix copy = m.copy();
        names.add(name);
        handed.add(copy);
        before.add(m.copy());
        return copy;
    }

    /** A copy of the list and of every matrix in it; the list itself is checked too (set, add, remove). */
    List<Matrix> of(String name, List<Matrix> ms) {
        List<Matrix> copy = new ArrayList<>();
        for (int k = 0; k < ms.size(); k++) {
            copy.add(of(name + ".get(" + k + ")", ms.get(k)));
        }
        lists.add(copy);
        listsBefore.add(List.copyOf(copy));
        listNames.add(name);
        return copy;
    }

    /** A copy of the parameters, each remembered by its name. */
    Parameters of(Parameters p) {
        Parameters copy = new Parameters();
        for (String n : p.names()) {
            copy.add(n, of("the parameter " + n, p.get(n)));
        }
        return copy;
    }

    /** A copy of the state, each part remembered (e.g. "prev.c()"). */
    State of(String name, State s) {
        Matrix h = of(name + ".h()", s.h());
        return s.names().contains("c") ? State.of(h, of(name + ".c()", s.c())) : State.of(h);
    }

    /** The name of the first input that no longer holds what it held when handed over, or null. */
    String firstChanged() {
        for (int k = 0; k < listNames.size(); k++) {
            List<Matrix> now = lists.get(k);
            List<Matrix> then = listsBefore.get(k);
            if (now.size() != then.size()) {
                return "the list " + listNames.get(k) + " (its length)";
            }
            for (int i = 0; i < now.size(); i++) {
                if (now.get(i) != then.get(i)) {
                    return "the list " + listNames.get(k) + " (its element " + i + " was replaced)";
                }
            }
        }
        for (int k = 0; k < handed.size(); k++) {
            if (!handed.get(k).equals(before.get(k))) {
                return names.get(k);
            }
        }
        return null;
    }

    /** Fails naming the first input that {@code call} changed. */
    void unchanged(String call) {
        String changed = firstChanged();
        Expect.that(changed == null, "%s changed %s, one of its inputs: compute into new matrices (plus, times, matmul "
                + "and map return new ones); an ...InPlace method on an input overwrites the caller's data, which the "
                + "caller still needs (the previous state, the parameters, the forward pass's values)", call, changed);
    }
}

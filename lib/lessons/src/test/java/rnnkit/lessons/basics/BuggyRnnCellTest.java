package rnnkit.lessons.basics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import rnnkit.cells.CellGradients;
import rnnkit.cells.RnnCell;
import rnnkit.cells.State;
import rnnkit.gradcheck.GradientCheck;
import rnnkit.gradcheck.GradientCheckReport;
import rnnkit.lessons.basics.BuggyRnnCell.Bug;
import rnnkit.tensor.Matrix;

@DisplayName("BuggyRnnCell")
class BuggyRnnCellTest {

    static final int X = 3;
    static final int H = 5;
    static final int T = 6;
    static final int B = 2;

    final Random random = new Random(8);
    final List<Matrix> xs = new ArrayList<>();
    final List<Matrix> dhs = new ArrayList<>();
    final Matrix h0 = Matrix.gaussian(B, H, 0.5, random);
    final Matrix dhT = Matrix.gaussian(B, H, 1.0, random);

    BuggyRnnCellTest() {
        for (int t = 0; t < T; t++) {
            xs.add(Matrix.gaussian(B, X, 1.0, random));
            dhs.add(Matrix.gaussian(B, H, 1.0, random));
        }
    }

    CellGradients gradients(BuggyRnnCell cell) {
        return cell.backward(cell.forward(xs, State.of(h0)), dhs, State.of(dhT));
    }

    GradientCheckReport check(Bug bug) {
        return GradientCheck.standard().check(new BuggyRnnCell(X, H, 4, bug), xs, State.of(h0), 12);
    }

    @Test
    @DisplayName("without a bug, gives the library RnnCell's gradients to round-off")
    void matchesRnnCell() {
        RnnCell reference = new RnnCell(X, H, 4);
        CellGradients expected = reference.backward(reference.forward(xs, State.of(h0)), dhs, State.of(dhT));
        CellGradients actual = gradients(new BuggyRnnCell(X, H, 4, Bug.NONE));
        for (String name : List.of("Wxh", "Whh", "bh")) {
            assertEquals(0.0, actual.parameters().get(name).minus(expected.parameters().get(name)).maxAbs(), 1e-12, name);
        }
        for (int t = 0; t < T; t++) {
            assertEquals(0.0, actual.inputs().get(t).minus(expected.inputs().get(t)).maxAbs(), 1e-12, "x[" + t + "]");
        }
        assertEquals(0.0, actual.initialState().h().minus(expected.initialState().h()).maxAbs(), 1e-12, "h0");
    }

    @Test
    @DisplayName("forward is the RnnCell's with the same seed")
    void sameForward() {
        assertEquals(new RnnCell(X, H, 4).forward(xs).lastH(), new BuggyRnnCell(X, H, 4, Bug.NONE).forward(xs).lastH());
    }

    @Nested
    @DisplayName("the gradient check")
    class Checked {

        @Test
        @DisplayName("passes without a bug")
        void passes() {
            GradientCheckReport r = check(Bug.NONE);
            assertTrue(r.passed(), r::toString);
        }

        @Test
        @DisplayName("catches a flipped bias sign in bh alone, with relative error exactly 1")
        void biasSign() {
            GradientCheckReport r = check(Bug.BIAS_SIGN_FLIPPED);
            assertFalse(r.passed());
            assertEquals("bh", r.worst().tensor());
            assertEquals(1.0, r.worst().maxRelError(), 1e-6);
            assertEquals(List.of("bh"), failing(r));
        }

        @Test
        @DisplayName("catches h_t used for h_{t-1} in Whh alone")
        void offByOne() {
            GradientCheckReport r = check(Bug.WHH_USES_NEW_STATE);
            assertEquals(List.of("Whh"), failing(r));
            assertTrue(r.row("Whh").maxRelError() > 1e-2, r::toString);
        }

        @Test
        @DisplayName("catches a missing gradient through time everywhere but the last input")
        void noGradientThroughTime() {
            GradientCheckReport r = check(Bug.NO_GRADIENT_THROUGH_TIME);
            List<String> failing = failing(r);
            assertTrue(failing.containsAll(List.of("Wxh", "Whh", "bh", "x[0]", "h0")), failing::toString);
            assertTrue(r.row("x[" + (T - 1) + "]").passed(), r::toString);
            assertEquals(1.0, r.row("h0").maxRelError(), 1e-12, "h0's gradient is 0 while the true one is not");
        }
    }

    static List<String> failing(GradientCheckReport r) {
        return r.rows().stream().filter(row -> !row.passed()).map(GradientCheckReport.Row::tensor).toList();
    }

    @Test
    @DisplayName("refuses a trace it did not produce, and a null bug")
    void badArguments() {
        BuggyRnnCell cell = new BuggyRnnCell(X, H, 4, Bug.NONE);
        var trace = new RnnCell(X, H, 4).forward(xs);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> cell.backward(trace, null, null)).getMessage()
                .contains("trace"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BuggyRnnCell(X, H, 4, null)).getMessage()
                .contains("bug"));
    }
}

package rnnkit.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnnkit.MatrixAssert.assertShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import rnnkit.Tolerances;
import rnnkit.gradcheck.GradientCheck;
import rnnkit.gradcheck.GradientCheckReport;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * What every recurrent cell and every variant promises. A test class implements this interface by
 * saying how to make its cell; the tests come with it.
 */
public interface CellContract {

    int X = 3;
    int H = 4;

    /** A new cell of the kind under test. */
    RecurrentCell create(int inputSize, int hiddenSize, long seed);

    /** Its parameter count, from the formula in its documentation. */
    int expectedParameterCount(int inputSize, int hiddenSize);

    /** A cell whose every parameter, biases included, is a seeded nonzero draw, so no term of the gradient vanishes. */
    default RecurrentCell cellInGeneralPosition(long seed) {
        RecurrentCell cell = create(X, H, seed);
        Random random = new Random(seed + 1000);
        cell.parameters().forEach((name, m) -> m.copyFromInPlace(Matrix.gaussian(m.rows(), m.cols(), 0.6, random)));
        return cell;
    }

    static List<Matrix> sequence(int steps, int batch, int size, long seed) {
        Random random = new Random(seed);
        List<Matrix> xs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            xs.add(Matrix.gaussian(batch, size, 1.0, random));
        }
        return xs;
    }

    static State randomState(RecurrentCell cell, int batch, long seed) {
        Random random = new Random(seed);
        State s = cell.zeroState(batch);
        for (String part : s.names()) {
            s.get(part).copyFromInPlace(Matrix.gaussian(batch, cell.hiddenSize(), 0.5, random));
        }
        return s;
    }

    // ---------------------------------------------------------------- gradients

    @DisplayName("gradients of parameters, inputs and initial state match finite differences")
    @ParameterizedTest(name = "T = {0}, B = {1}, {2} initial state")
    @CsvSource({"1, 1, zero", "1, 1, nonzero", "1, 3, nonzero", "20, 1, zero", "20, 1, nonzero", "20, 3, nonzero", "25, 2, zero"})
    default void gradientsMatchFiniteDifferences(int steps, int batch, String initial) {
        RecurrentCell cell = cellInGeneralPosition(steps * 31L + batch);
        List<Matrix> xs = sequence(steps, batch, X, 7);
        State h0 = initial.equals("zero") ? cell.zeroState(batch) : randomState(cell, batch, 8);
        GradientCheckReport report = GradientCheck.standard().threshold(Tolerances.GRADIENT).check(cell, xs, h0, 9);
        assertTrue(report.passed(), report::toString);
        assertEquals(cell.parameters().size() + steps + cell.stateNames().size(), report.rows().size(),
                "one row per parameter tensor, per input and per initial state part");
    }

    @Test
    @DisplayName("the gradient check leaves every parameter exactly as it was")
    default void gradientCheckLeavesParametersAlone() {
        RecurrentCell cell = cellInGeneralPosition(3);
        Parameters before = cell.parameters().copy();
        GradientCheck.ofCell(cell, 4, 2, 5);
        for (String name : before.names()) {
            assertEquals(before.get(name), cell.parameters().get(name), name + " changed");
        }
    }

    // ---------------------------------------------------------------- shapes and names

    @Test
    @DisplayName("outputs, gates and gradients have the documented shapes")
    default void shapes() {
        RecurrentCell cell = create(X, H, 1);
        int steps = 5;
        int batch = 2;
        Trace trace = cell.forward(sequence(steps, batch, X, 2));
        assertEquals(steps, trace.steps());
        assertEquals(batch, trace.batchSize());
        for (int t = 1; t <= steps; t++) {
            assertShape(batch, H, trace.h(t), "h_" + t);
            for (String g : cell.gateNames()) {
                assertShape(batch, H, trace.gate(g, t), g + " at t = " + t);
            }
        }
        for (String part : cell.stateNames()) {
            assertShape(batch, H, trace.finalState().get(part), "final " + part);
        }
        assertShape(steps, H, trace.gateOverTime(cell.gateNames().get(0), 1), "gate heatmap");
        CellGradients g = cell.backward(trace, trace.hs(), null);
        assertEquals(steps, g.inputs().size());
        g.inputs().forEach(dx -> assertShape(batch, X, dx, "dx"));
        for (String part : cell.stateNames()) {
            assertShape(batch, H, g.initialState().get(part), "d" + part + "0");
        }
        assertEquals(cell.parameters().names(), g.parameters().names(), "gradients carry the parameter names");
        cell.parameters().forEach((name, m) -> assertShape(m.rows(), m.cols(), g.parameters().get(name), "d" + name));
    }

    @Test
    @DisplayName("parameters are named, Wx* are X x H, Wh* are H x H, b* are 1 x H, and counted")
    default void namedParameters() {
        RecurrentCell cell = create(X, H, 1);
        cell.parameters().forEach((name, m) -> {
            if (name.startsWith("Wx")) {
                assertShape(X, H, m, name);
            } else if (name.startsWith("Wh")) {
                assertShape(H, H, m, name);
            } else {
                assertTrue(name.startsWith("b"), "unexpected parameter name " + name);
                assertShape(1, H, m, name);
            }
        });
        assertEquals(expectedParameterCount(X, H), cell.parameterCount());
        assertEquals(expectedParameterCount(5, 7), create(5, 7, 1).parameterCount());
    }

    // ---------------------------------------------------------------- purity and determinism

    @Test
    @DisplayName("forward and backward leave their inputs untouched")
    default void leavesInputsUntouched() {
        RecurrentCell cell = cellInGeneralPosition(4);
        List<Matrix> xs = sequence(6, 2, X, 3);
        List<Matrix> xsCopy = xs.stream().map(Matrix::copy).toList();
        State h0 = randomState(cell, 2, 5);
        State h0Copy = h0.copy();
        Parameters params = cell.parameters().copy();
        Trace trace = cell.forward(xs, h0);
        List<Matrix> dhs = sequence(6, 2, H, 6);
        List<Matrix> dhsCopy = dhs.stream().map(Matrix::copy).toList();
        State dFinal = randomState(cell, 2, 7);
        State dFinalCopy = dFinal.copy();
        cell.backward(trace, dhs, dFinal);
        assertEquals(xsCopy, xs, "xs");
        assertEquals(h0Copy, h0, "initial state");
        assertEquals(dhsCopy, dhs, "dhs");
        assertEquals(dFinalCopy, dFinal, "dFinal");
        params.forEach((name, m) -> assertEquals(m, cell.parameters().get(name), name));
    }

    @Test
    @DisplayName("the same seed gives bit-identical parameters, outputs and gradients; another seed does not")
    default void sameSeedSameResult() {
        List<Matrix> xs = sequence(7, 2, X, 11);
        RecurrentCell a = create(X, H, 42);
        RecurrentCell b = create(X, H, 42);
        Trace ta = a.forward(xs);
        Trace tb = b.forward(xs);
        assertEquals(ta.hs(), tb.hs());
        assertEquals(ta.finalState(), tb.finalState());
        CellGradients ga = a.backward(ta, ta.hs(), null);
        CellGradients gb = b.backward(tb, tb.hs(), null);
        a.parameters().forEach((name, m) -> assertEquals(ga.parameters().get(name), gb.parameters().get(name), name));
        assertEquals(ga.inputs(), gb.inputs());
        RecurrentCell c = create(X, H, 43);
        assertNotEquals(ta.hs(), c.forward(xs).hs());
    }

    @Test
    @DisplayName("truncated BPTT: chunks that carry the state give the same states as one pass")
    default void chunksCarryTheState() {
        RecurrentCell cell = cellInGeneralPosition(12);
        List<Matrix> xs = sequence(12, 2, X, 13);
        Trace whole = cell.forward(xs);
        List<List<Matrix>> chunks = Chunks.of(xs, 5);
        assertEquals(3, chunks.size());
        Trace first = cell.forward(chunks.get(0));
        Trace second = cell.forward(xs.subList(5, 12), first.finalState());
        assertEquals(whole.h(5), first.h(5));
        assertEquals(whole.finalState(), second.finalState());
        // the gradient stops at the chunk boundary: it is returned for the carried state, not applied to chunk one
        CellGradients g = cell.backward(second, second.hs(), null);
        assertEquals(7, g.inputs().size());
        assertShape(2, H, g.initialState().h(), "gradient at the boundary");
    }

    // ---------------------------------------------------------------- invalid arguments

    @Test
    @DisplayName("sizes below 1 are refused, naming the argument and the value")
    default void refusesBadSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create(-2, H, 1));
        assertTrue(e.getMessage().contains("inputSize") && e.getMessage().contains("-2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> create(X, 0, 1));
        assertTrue(e.getMessage().contains("hiddenSize") && e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    @DisplayName("an empty sequence is refused (T = 0)")
    default void refusesEmptySequence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create(X, H, 1).forward(List.of()));
        assertTrue(e.getMessage().contains("T = 0"), e.getMessage());
    }

    @Test
    @DisplayName("a wrong input width is refused, naming the step and both shapes")
    default void refusesWrongInputWidth() {
        List<Matrix> xs = new ArrayList<>(sequence(3, 2, X, 1));
        xs.set(1, Matrix.zeros(2, X + 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create(X, H, 1).forward(xs));
        assertMentions(e, "xs[1]", "t=2", "(2, " + X + ")", "(2, " + (X + 1) + ")");
    }

    @Test
    @DisplayName("a batch size that changes along the sequence is refused")
    default void refusesMismatchedBatch() {
        List<Matrix> xs = new ArrayList<>(sequence(3, 2, X, 1));
        xs.set(2, Matrix.zeros(3, X));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create(X, H, 1).forward(xs));
        assertMentions(e, "xs[2]", "batch", "(2, " + X + ")", "(3, " + X + ")");
    }

    @Test
    @DisplayName("NaN in an input is refused, naming the step and the entry")
    default void refusesNaN() {
        List<Matrix> xs = new ArrayList<>(sequence(3, 2, X, 1));
        xs.get(1).set(1, 2, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create(X, H, 1).forward(xs));
        assertMentions(e, "xs[1]", "NaN", "(1, 2)");
    }

    @Test
    @DisplayName("an initial state of the wrong shape is refused, naming both shapes")
    default void refusesWrongInitialState() {
        RecurrentCell cell = create(X, H, 1);
        State wrong = cell.zeroState(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cell.forward(sequence(2, 2, X, 1), wrong));
        assertMentions(e, "initial state h", "(2, " + H + ")", "(3, " + H + ")");
    }

    @Test
    @DisplayName("backward refuses gradients of the wrong length or shape")
    default void refusesWrongGradients() {
        RecurrentCell cell = create(X, H, 1);
        Trace trace = cell.forward(sequence(3, 2, X, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cell.backward(trace, sequence(2, 2, H, 1), null));
        assertMentions(e, "dhs", "T = 3", "2");
        List<Matrix> dhs = new ArrayList<>(sequence(3, 2, H, 1));
        dhs.set(0, Matrix.zeros(2, H + 1));
        e = assertThrows(IllegalArgumentException.class, () -> cell.backward(trace, dhs, null));
        assertMentions(e, "dhs[0]", "(2, " + H + ")", "(2, " + (H + 1) + ")");
    }

    private static void assertMentions(IllegalArgumentException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message should mention '" + p + "': " + e.getMessage());
        }
    }
}

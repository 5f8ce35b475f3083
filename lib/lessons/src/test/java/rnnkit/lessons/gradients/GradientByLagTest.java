package rnnkit.lessons.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.cells.RecurrentCell;
import rnnkit.cells.RnnCell;
import rnnkit.cells.State;
import rnnkit.cells.Trace;
import rnnkit.data.Batch;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToOneModel;
import rnnkit.tensor.Matrix;

@DisplayName("GradientByLag")
class GradientByLagTest {

    private static List<Matrix> inputs(int steps, int batch, int x, long seed) {
        Random random = new Random(seed);
        return java.util.stream.IntStream.range(0, steps).mapToObj(t -> Matrix.gaussian(batch, x, 1.0, random)).toList();
    }

    private static void assertMatrixClose(Matrix expected, Matrix actual, double tolerance, String what) {
        assertEquals(expected.shape(), actual.shape(), what + " shape");
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.getFlat(k), actual.getFlat(k), tolerance * (1 + Math.abs(expected.getFlat(k))), what + " entry " + k);
        }
    }

    @Nested
    @DisplayName("the recurrence of gradients")
    class Recurrence {

        @Test
        @DisplayName("agrees with the cell's full backward at h_0 (and c_0) for every cell")
        void matchesFullBackward() {
            for (RecurrentCell cell : List.of(new RnnCell(3, 5, 1), new GruCell(3, 5, 2), new LstmCell(3, 5, 3),
                    new GruCell(3, 5, 4, GruCell.Options.PYTORCH))) {
                List<Matrix> xs = inputs(12, 2, 3, 7);
                Matrix dhT = Matrix.gaussian(2, 5, 1.0, new Random(8));
                List<State> grads = GradientByLag.stateGradients(cell, xs, null, dhT);
                Trace trace = cell.forward(xs);
                State dFinal = cell.zeroState(2);
                State full = cell.backward(trace, null, cell.stateNames().size() == 1 ? State.of(dhT)
                        : State.of(dhT, dFinal.c())).initialState();
                assertEquals(13, grads.size());
                for (String part : cell.stateNames()) {
                    assertMatrixClose(full.get(part), grads.get(0).get(part), 1e-12, cell + " d" + part + "_0");
                }
                assertMatrixClose(dhT, grads.get(12).h(), 0, "dh_T");
            }
        }

        @Test
        @DisplayName("for the RNN is the product of Jacobians dh_T diag(1 - h_T^2) Whh^T ... written out by hand")
        void rnnProductOfJacobians() {
            RnnCell cell = new RnnCell(2, 4, 11);
            List<Matrix> xs = inputs(6, 1, 2, 12);
            Matrix dhT = Matrix.row(1, -2, 0.5, 3);
            Trace trace = cell.forward(xs);
            Matrix whh = cell.parameters().get("Whh");
            Matrix dh = dhT;
            List<State> grads = GradientByLag.stateGradients(cell, xs, null, dhT);
            for (int t = 6; t >= 1; t--) {
                // dL/dh_{t-1} = (dL/dh_t ⊙ (1 - h_t^2)) Whh^T
                Matrix h = trace.h(t);
                dh = dh.times(h.map(v -> 1 - v * v)).matmulTransB(whh);
                assertMatrixClose(dh, grads.get(t - 1).h(), 1e-13, "dh_" + (t - 1));
            }
        }

        @Test
        @DisplayName("for the LSTM with a forget gate of one and nothing written carries dc back unchanged")
        void lstmCarousel() {
            LstmCell cell = new LstmCell(1, 3, 5, LstmCell.Options.noForgetGate());
            // a zero input and zero recurrent weights except a huge negative bias on the input gate: i = 0, f = 1
            cell.parameters().forEach((name, m) -> m.zeroInPlace());
            cell.parameters().get("bi").mapInPlace(v -> -1000);
            List<Matrix> xs = inputs(5, 1, 1, 3);
            State h0 = State.of(Matrix.row(0.1, 0.2, 0.3), Matrix.row(0.5, -0.5, 1.0));
            Matrix dhT = Matrix.row(1, 1, 1);
            List<State> grads = GradientByLag.stateGradients(cell, xs, h0, dhT);
            // c is constant, so dL/dc_t = dL/dc_{T-1}... = o tanh'(c) dh_T at every earlier step
            for (int t = 0; t < 5; t++) {
                assertMatrixClose(grads.get(4).c(), grads.get(t).c(), 1e-12, "dc_" + t);
            }
            assertTrue(grads.get(0).c().norm() > 0.1, "the carousel carries a real gradient: " + grads.get(0).c().norm());
        }
    }

    @Nested
    @DisplayName("norms by lag")
    class Norms {

        @Test
        @DisplayName("are indexed by lag k = T - t and relative norms start at 1")
        void indexing() {
            RnnCell cell = new RnnCell(3, 6, 2);
            List<Matrix> xs = inputs(8, 3, 3, 4);
            Matrix dhT = Matrix.gaussian(3, 6, 1.0, new Random(5));
            List<State> grads = GradientByLag.stateGradients(cell, xs, null, dhT);
            double[] norms = GradientByLag.hNorms(cell, xs, null, dhT);
            double[] relative = GradientByLag.relativeHNorms(cell, xs, null, dhT);
            assertEquals(9, norms.length);
            for (int k = 0; k <= 8; k++) {
                assertEquals(grads.get(8 - k).h().norm(), norms[k], 0.0);
                assertEquals(norms[k] / norms[0], relative[k], 1e-15);
            }
            assertEquals(1.0, relative[0]);
        }

        @Test
        @DisplayName("vanish geometrically for an RNN whose Whh is a small multiple of the identity")
        void geometricDecay() {
            RnnCell cell = new RnnCell(1, 4, 1);
            cell.parameters().get("Wxh").zeroInPlace();
            cell.parameters().set("Whh", Matrix.identity(4).scale(0.5));
            List<Matrix> xs = inputs(30, 1, 1, 2);
            // h stays 0, so tanh' = 1 and each step multiplies the gradient by exactly 0.5
            double[] relative = GradientByLag.relativeHNorms(cell, xs, null, Matrix.row(1, 0, 0, 0));
            assertEquals(Math.pow(0.5, 30), relative[30], 1e-25);
            assertEquals(0.5, GradientByLag.perStepFactor(relative, 0, 30), 1e-12);
        }

        @Test
        @DisplayName("of a model use its loss gradient dLogits Why^T at h_T")
        void model() {
            FirstSymbolTask task = new FirstSymbolTask(6, 3, 2);
            ManyToOneModel model = new ManyToOneModel(new GruCell(task.inputSize(), 5, 1), 3, Loss.softmaxCrossEntropy(), 2);
            Batch batch = task.batch(4, 3L);
            Matrix dhT = GradientByLag.lastStepGradient(model, batch);
            // the model's own backward gives the same dL/dh_0 as the recurrence started from dhT
            Matrix viaModel = model.gradients(batch, null).initialStateGradient().h();
            List<State> grads = GradientByLag.stateGradients(model.cell(), batch.inputs(), null, dhT);
            assertMatrixClose(viaModel, grads.get(0).h(), 1e-12, "dh_0");
            assertEquals(task.steps() + 1, GradientByLag.relativeHNorms(model, batch).length, "lags 0..T");
        }
    }

    @Nested
    @DisplayName("perStepFactor")
    class Factor {

        @Test
        @DisplayName("recovers the ratio of a geometric sequence and its growth")
        void geometric() {
            double[] v = new double[20];
            for (int k = 0; k < v.length; k++) {
                v[k] = 3 * Math.pow(1.3, k);
            }
            assertEquals(1.3, GradientByLag.perStepFactor(v, 2, 19), 1e-12);
        }

        @Test
        @DisplayName("rejects a range of one point and non-positive values, naming them")
        void badInput() {
            double[] v = {1, 0.5, 0, 0.1};
            assertTrue(assertThrows(IllegalArgumentException.class, () -> GradientByLag.perStepFactor(v, 1, 1)).getMessage()
                    .contains("[1, 1]"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> GradientByLag.perStepFactor(v, 0, 3)).getMessage()
                    .contains("values[2]"));
        }
    }

    @Test
    @DisplayName("geometricMean averages logarithms lag by lag and rejects runs of different lengths")
    void geometricMean() {
        double[] mean = GradientByLag.geometricMean(List.of(new double[] {1, 1e-2, 4}, new double[] {1, 1e-6, 1}));
        assertEquals(1.0, mean[0], 1e-15);
        assertEquals(1e-4, mean[1], 1e-18);
        assertEquals(2.0, mean[2], 1e-15);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GradientByLag.geometricMean(List.of(new double[] {1, 2}, new double[] {1}))).getMessage().contains("runs[1]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GradientByLag.geometricMean(List.of(new double[] {1, 0}))).getMessage().contains("runs[0][1]"));
    }

    @Test
    @DisplayName("rejects a dh_T of the wrong shape, naming both shapes")
    void badShape() {
        RnnCell cell = new RnnCell(2, 3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientByLag.stateGradients(cell, inputs(4, 2, 2, 1), null, Matrix.zeros(2, 4)));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(2, 4)"), e.getMessage());
    }
}

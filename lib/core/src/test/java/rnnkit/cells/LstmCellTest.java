package rnnkit.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static rnnkit.MatrixAssert.assertClose;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import rnnkit.Tolerances;
import rnnkit.cells.LstmCell.Options;
import rnnkit.tensor.Matrix;

@DisplayName("LstmCell")
class LstmCellTest {

    abstract static class Variant implements CellContract {

        abstract Options options();

        @Override
        public RecurrentCell create(int inputSize, int hiddenSize, long seed) {
            return new LstmCell(inputSize, hiddenSize, seed, options());
        }

        @Override
        public int expectedParameterCount(int x, int h) {
            return (options().forgetGate() ? 4 : 3) * h * (x + h + 1);
        }
    }

    @Nested
    @DisplayName("standard")
    class Standard extends Variant {
        @Override
        Options options() {
            return Options.STANDARD;
        }
    }

    @Nested
    @DisplayName("without a forget gate")
    class NoForgetGate extends Variant {
        @Override
        Options options() {
            return Options.noForgetGate();
        }

        @Test
        @DisplayName("has no Wxf, Whf, bf and records f = 1")
        void noForgetParameters() {
            LstmCell cell = new LstmCell(3, 4, 1, options());
            assertFalse(cell.parameters().has("Wxf") || cell.parameters().has("Whf") || cell.parameters().has("bf"));
            Trace t = cell.forward(CellContract.sequence(2, 2, 3, 1));
            assertEquals(Matrix.filled(2, 4, 1.0), t.gate("f", 2));
        }
    }

    @Nested
    @DisplayName("with forget bias 1")
    class ForgetBias extends Variant {
        @Override
        Options options() {
            return Options.forgetBias(1.0);
        }

        @Test
        @DisplayName("starts bf at 1 and the other biases at 0")
        void forgetBiasStartsAtOne() {
            LstmCell cell = new LstmCell(3, 4, 1, options());
            assertEquals(Matrix.filled(1, 4, 1.0), cell.parameters().get("bf"));
            assertEquals(Matrix.zeros(1, 4), cell.parameters().get("bi"));
        }
    }

    @Test
    @DisplayName("a forget bias without a forget gate is refused")
    void refusesForgetBiasWithoutGate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Options(false, 1.0));
        assertEquals("forgetBias must be 0 without a forget gate, got 1.0", e.getMessage());
    }

    /** X = 2, H = 1; x = (1, -1), h0 = 0.5, c0 = -0.4. */
    private static LstmCell tiny(Options options) {
        LstmCell cell = new LstmCell(2, 1, 0, options);
        cell.parameters().set("Wxi", Matrix.of(new double[][] {{0.2}, {0.4}})).set("Whi", Matrix.row(1.0)).set("bi", Matrix.row(0.1));
        if (options.forgetGate()) {
            cell.parameters().set("Wxf", Matrix.of(new double[][] {{0.3}, {-0.1}})).set("Whf", Matrix.row(-2.0)).set("bf", Matrix.row(1.0));
        }
        cell.parameters().set("Wxo", Matrix.of(new double[][] {{-0.5}, {0.5}})).set("Who", Matrix.row(0.6)).set("bo", Matrix.row(0.0));
        cell.parameters().set("Wxg", Matrix.of(new double[][] {{0.5}, {-0.5}})).set("Whg", Matrix.row(-1.0)).set("bg", Matrix.row(0.2));
        return cell;
    }

    @Test
    @DisplayName("one step by hand: c = f c0 + i g, h = o tanh(c)")
    void oneStepByHand() {
        // i = σ(1*0.2 + (-1)*0.4 + 0.5*1.0 + 0.1)      = σ(0.4)  = 0.598687660112452
        // f = σ(1*0.3 + (-1)*(-0.1) + 0.5*(-2) + 1.0)  = σ(0.4)  = 0.598687660112452
        // o = σ(1*(-0.5) + (-1)*0.5 + 0.5*0.6 + 0)     = σ(-0.7) = 0.3318122278318339
        // g = tanh(1*0.5 + (-1)*(-0.5) + 0.5*(-1) + 0.2) = tanh(0.7) = 0.6043677771171636
        // c = f*(-0.4) + i*g = 0.12235246628465779
        // h = o * tanh(c)    = 0.04039666426041668
        Trace t = tiny(Options.STANDARD).forward(List.of(Matrix.row(1, -1)), State.of(Matrix.row(0.5), Matrix.row(-0.4)));
        assertEquals(0.598687660112452, t.gate("i", 1).get(0, 0), Tolerances.VALUE);
        assertEquals(0.598687660112452, t.gate("f", 1).get(0, 0), Tolerances.VALUE);
        assertEquals(0.3318122278318339, t.gate("o", 1).get(0, 0), Tolerances.VALUE);
        assertEquals(0.6043677771171636, t.gate("g", 1).get(0, 0), Tolerances.VALUE);
        assertEquals(0.12235246628465779, t.finalState().c().get(0, 0), Tolerances.VALUE);
        assertEquals(0.04039666426041668, t.h(1).get(0, 0), Tolerances.VALUE);
    }

    @Test
    @DisplayName("one step by hand without a forget gate: c = c0 + i g")
    void oneStepByHandWithoutForgetGate() {
        // same i, o, g; c = -0.4 + i*g = -0.03817246967036142; h = o * tanh(c) = -0.012659943707763
        Trace t = tiny(Options.noForgetGate()).forward(List.of(Matrix.row(1, -1)), State.of(Matrix.row(0.5), Matrix.row(-0.4)));
        assertEquals(-0.03817246967036142, t.finalState().c().get(0, 0), Tolerances.VALUE);
        assertEquals(-0.012659943707763, t.h(1).get(0, 0), Tolerances.VALUE);
    }

    @Test
    @DisplayName("matches PyTorch's LSTMCell equations with weights mapped by name (chunks i, f, g, o)")
    void matchesPyTorchEquationsWhenMappedByName() {
        int x = 3;
        int h = 4;
        Random random = new Random(8);
        Matrix weightIh = Matrix.gaussian(4 * h, x, 0.5, random);
        Matrix weightHh = Matrix.gaussian(4 * h, h, 0.5, random);
        Matrix biasIh = Matrix.gaussian(1, 4 * h, 0.5, random);
        Matrix biasHh = Matrix.gaussian(1, 4 * h, 0.5, random);
        LstmCell cell = new LstmCell(x, h, 0);
        String[] chunks = {"i", "f", "g", "o"};
        for (int c = 0; c < 4; c++) {
            cell.parameters().set("Wx" + chunks[c], weightIh.transpose().sliceCols(c * h, (c + 1) * h));
            cell.parameters().set("Wh" + chunks[c], weightHh.transpose().sliceCols(c * h, (c + 1) * h));
            cell.parameters().set("b" + chunks[c], biasIh.sliceCols(c * h, (c + 1) * h).plus(biasHh.sliceCols(c * h, (c + 1) * h)));
        }
        List<Matrix> xs = CellContract.sequence(6, 2, x, 3);
        Matrix hs = Matrix.gaussian(2, h, 0.5, random);
        Matrix cs = Matrix.gaussian(2, h, 0.5, random);
        Trace trace = cell.forward(xs, State.of(hs, cs));
        for (int t = 1; t <= xs.size(); t++) {
            Matrix hNext = Matrix.zeros(2, h);
            Matrix cNext = Matrix.zeros(2, h);
            for (int b = 0; b < 2; b++) {
                for (int j = 0; j < h; j++) {
                    double[] a = new double[4];
                    for (int c = 0; c < 4; c++) {
                        a[c] = biasIh.get(0, c * h + j) + biasHh.get(0, c * h + j);
                        for (int k = 0; k < x; k++) {
                            a[c] += weightIh.get(c * h + j, k) * xs.get(t - 1).get(b, k);
                        }
                        for (int k = 0; k < h; k++) {
                            a[c] += weightHh.get(c * h + j, k) * hs.get(b, k);
                        }
                    }
                    double i = 1 / (1 + Math.exp(-a[0]));
                    double f = 1 / (1 + Math.exp(-a[1]));
                    double g = Math.tanh(a[2]);
                    double o = 1 / (1 + Math.exp(-a[3]));
                    double c = f * cs.get(b, j) + i * g;
                    cNext.set(b, j, c);
                    hNext.set(b, j, o * Math.tanh(c));
                }
            }
            assertClose(cNext, trace.state(t).c(), Tolerances.VALUE, "c_" + t);
            assertClose(hNext, trace.h(t), Tolerances.VALUE, "h_" + t);
            hs = hNext;
            cs = cNext;
        }
    }
}

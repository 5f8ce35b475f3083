package rnnkit.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnnkit.MatrixAssert.assertClose;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import rnnkit.Tolerances;
import rnnkit.cells.GruCell.Options;
import rnnkit.cells.GruCell.ResetPlacement;
import rnnkit.cells.GruCell.UpdateWeights;
import rnnkit.tensor.Matrix;

@DisplayName("GruCell")
class GruCellTest {

    /** The contract, once per convention. */
    abstract static class Convention implements CellContract {

        abstract Options options();

        @Override
        public RecurrentCell create(int inputSize, int hiddenSize, long seed) {
            return new GruCell(inputSize, hiddenSize, seed, options());
        }

        @Override
        public int expectedParameterCount(int x, int h) {
            return 3 * h * (x + h + 1) + (options().reset() == ResetPlacement.AFTER_PRODUCT ? h : 0);
        }
    }

    @Nested
    @DisplayName("default: reset before the product, z weights the candidate")
    class Default extends Convention {
        @Override
        Options options() {
            return Options.DEFAULT;
        }
    }

    @Nested
    @DisplayName("PyTorch: reset after the product, z weights the previous state")
    class PyTorch extends Convention {
        @Override
        Options options() {
            return Options.PYTORCH;
        }
    }

    @Nested
    @DisplayName("Cho et al. 2014: reset before the product, z weights the previous state")
    class Cho extends Convention {
        @Override
        Options options() {
            return Options.CHO_2014;
        }
    }

    @Nested
    @DisplayName("reset after the product, z weights the candidate")
    class AfterCandidate extends Convention {
        @Override
        Options options() {
            return new Options(ResetPlacement.AFTER_PRODUCT, UpdateWeights.CANDIDATE);
        }
    }

    // ---------------------------------------------------------------- by hand

    /** X = 2, H = 1 with the weights below; x = (1, -1), h0 = 0.5. */
    private static GruCell tiny(Options options) {
        GruCell cell = new GruCell(2, 1, 0, options);
        cell.parameters().set("Wxz", Matrix.of(new double[][] {{0.2}, {0.4}}));
        cell.parameters().set("Whz", Matrix.row(1.0));
        cell.parameters().set("bz", Matrix.row(0.1));
        cell.parameters().set("Wxr", Matrix.of(new double[][] {{0.3}, {-0.1}}));
        cell.parameters().set("Whr", Matrix.row(-2.0));
        cell.parameters().set("br", Matrix.row(0.5));
        cell.parameters().set("Wxh", Matrix.of(new double[][] {{0.5}, {-0.5}}));
        cell.parameters().set("Whh", Matrix.row(-1.0));
        cell.parameters().set("bh", Matrix.row(0.2));
        if (options.reset() == ResetPlacement.AFTER_PRODUCT) {
            cell.parameters().set("bhh", Matrix.row(0.3));
        }
        return cell;
    }

    private static Trace tinyStep(Options options) {
        return tiny(options).forward(List.of(Matrix.row(1, -1)), State.of(Matrix.row(0.5)));
    }

    @Nested
    @DisplayName("one step by hand")
    class ByHand {
        // z = σ(1*0.2 + (-1)*0.4 + 0.5*1.0 + 0.1) = σ(0.4)  = 0.598687660112452
        // r = σ(1*0.3 + (-1)*(-0.1) + 0.5*(-2) + 0.5) = σ(-0.1) = 0.47502081252106
        static final double Z = 0.598687660112452;
        static final double R = 0.47502081252106;

        @Test
        @DisplayName("gates z and r")
        void gates() {
            Trace t = tinyStep(Options.DEFAULT);
            assertEquals(Z, t.gate("z", 1).get(0, 0), Tolerances.VALUE);
            assertEquals(R, t.gate("r", 1).get(0, 0), Tolerances.VALUE);
        }

        @Test
        @DisplayName("reset before the product, z on the candidate")
        void beforeCandidate() {
            // hTilde = tanh(1*0.5 + (-1)*(-0.5) + (r*0.5)*(-1) + 0.2) = tanh(0.96248959373947) = 0.7453852993350859
            // h = z*hTilde + (1 - z)*0.5 = 0.6469091506849163
            Trace t = tinyStep(Options.DEFAULT);
            assertEquals(0.7453852993350859, t.gate("hTilde", 1).get(0, 0), Tolerances.VALUE);
            assertEquals(0.6469091506849163, t.h(1).get(0, 0), Tolerances.VALUE);
        }

        @Test
        @DisplayName("reset before the product, z on the previous state (Cho et al.)")
        void beforePrevious() {
            // same hTilde; h = z*0.5 + (1 - z)*hTilde = 0.5984761486501697
            assertEquals(0.5984761486501697, tinyStep(Options.CHO_2014).h(1).get(0, 0), Tolerances.VALUE);
        }

        @Test
        @DisplayName("reset after the product with bhh, z on the previous state (PyTorch)")
        void afterPrevious() {
            // hTilde = tanh(1*0.5 + (-1)*(-0.5) + 0.2 + r*(0.5*(-1) + 0.3)) = tanh(1.104995837495788) = 0.8022863703961
            // h = z*0.5 + (1 - z)*hTilde = 0.6213112506197729
            Trace t = tinyStep(Options.PYTORCH);
            assertEquals(0.8022863703961, t.gate("hTilde", 1).get(0, 0), Tolerances.VALUE);
            assertEquals(0.6213112506197729, t.h(1).get(0, 0), Tolerances.VALUE);
        }

        @Test
        @DisplayName("reset after the product, z on the candidate")
        void afterCandidate() {
            // same hTilde as PyTorch; h = z*hTilde + (1 - z)*0.5 = 0.6809751197763271
            Options o = new Options(ResetPlacement.AFTER_PRODUCT, UpdateWeights.CANDIDATE);
            assertEquals(0.6809751197763271, tinyStep(o).h(1).get(0, 0), Tolerances.VALUE);
        }
    }

    // ---------------------------------------------------------------- the conventions compared

    @Nested
    @DisplayName("conventions")
    class Conventions {

        private final List<Matrix> xs = CellContract.sequence(12, 3, 4, 21);

        @Test
        @DisplayName("z on the candidate equals z on the previous state when z is mapped to 1 - z (Wxz, Whz, bz negated)")
        void updateConventionsAreOneFamily() {
            for (ResetPlacement reset : ResetPlacement.values()) {
                GruCell candidate = new GruCell(4, 5, 3, new Options(reset, UpdateWeights.CANDIDATE));
                candidate.parameters().forEach((n, m) -> m.copyFromInPlace(Matrix.gaussian(m.rows(), m.cols(), 0.7, new Random(n.hashCode()))));
                GruCell previous = new GruCell(4, 5, 99, new Options(reset, UpdateWeights.PREVIOUS_STATE));
                candidate.parameters().forEach((n, m) -> previous.parameters().set(n,
                        n.endsWith("z") ? m.scale(-1.0) : m));
                State h0 = CellContract.randomState(candidate, 3, 4);
                Trace a = candidate.forward(xs, h0);
                Trace b = previous.forward(xs, h0);
                for (int t = 1; t <= xs.size(); t++) {
                    assertClose(a.h(t), b.h(t), Tolerances.EQUIVALENT_FORMS, reset + ": h_" + t);
                    Matrix oneMinusZ = a.gate("z", t).map(v -> 1.0 - v);
                    assertClose(oneMinusZ, b.gate("z", t), Tolerances.EQUIVALENT_FORMS, reset + ": 1 - z at t = " + t);
                }
            }
        }

        @Test
        @DisplayName("the reset conventions agree on a first step from h0 = 0 (bhh = 0) and differ after it")
        void resetConventionsDiffer() {
            GruCell before = new GruCell(4, 5, 3, Options.DEFAULT);
            GruCell after = new GruCell(4, 5, 3, Options.DEFAULT.with(ResetPlacement.AFTER_PRODUCT));
            before.parameters().forEach((n, m) -> after.parameters().set(n, m)); // bhh stays 0
            Trace a = before.forward(xs);
            Trace b = after.forward(xs);
            // at t = 1: (r ⊙ 0) Whh = 0 = r ⊙ (0 Whh + 0)
            assertClose(a.h(1), b.h(1), 0.0, "h_1");
            double gap = b.h(5).minus(a.h(5)).maxAbs();
            assertTrue(gap > 1e-3, "r ⊙ (h Whh) and (r ⊙ h) Whh should differ once h != 0, gap " + gap);
        }

        @Test
        @DisplayName("matches PyTorch's GRUCell equations with weights mapped by name from weight_ih, weight_hh, bias_ih, bias_hh")
        void matchesPyTorchEquationsWhenMappedByName() {
            int x = 4;
            int h = 5;
            Random random = new Random(5);
            // PyTorch layout: weight_ih (3H, X) = [W_ir; W_iz; W_in], weight_hh (3H, H), bias_ih, bias_hh (3H)
            Matrix weightIh = Matrix.gaussian(3 * h, x, 0.5, random);
            Matrix weightHh = Matrix.gaussian(3 * h, h, 0.5, random);
            Matrix biasIh = Matrix.gaussian(1, 3 * h, 0.5, random);
            Matrix biasHh = Matrix.gaussian(1, 3 * h, 0.5, random);
            GruCell cell = new GruCell(x, h, 0, Options.PYTORCH);
            Matrix wIhT = weightIh.transpose();
            Matrix wHhT = weightHh.transpose();
            cell.parameters().set("Wxr", wIhT.sliceCols(0, h)).set("Wxz", wIhT.sliceCols(h, 2 * h)).set("Wxh", wIhT.sliceCols(2 * h, 3 * h));
            cell.parameters().set("Whr", wHhT.sliceCols(0, h)).set("Whz", wHhT.sliceCols(h, 2 * h)).set("Whh", wHhT.sliceCols(2 * h, 3 * h));
            cell.parameters().set("br", biasIh.sliceCols(0, h).plus(biasHh.sliceCols(0, h)));
            cell.parameters().set("bz", biasIh.sliceCols(h, 2 * h).plus(biasHh.sliceCols(h, 2 * h)));
            cell.parameters().set("bh", biasIh.sliceCols(2 * h, 3 * h));
            cell.parameters().set("bhh", biasHh.sliceCols(2 * h, 3 * h));

            Matrix state = Matrix.gaussian(2, h, 0.5, random);
            Trace trace = cell.forward(xs(x), State.of(state));
            for (int t = 1; t <= 6; t++) {
                Matrix xt = xs(x).get(t - 1);
                Matrix next = Matrix.zeros(2, h);
                for (int b = 0; b < 2; b++) {
                    for (int j = 0; j < h; j++) {
                        // gi = W_ih x + b_ih, gh = W_hh h + b_hh, per chunk, written out per unit
                        double[] gi = new double[3];
                        double[] gh = new double[3];
                        for (int c = 0; c < 3; c++) {
                            gi[c] = biasIh.get(0, c * h + j);
                            gh[c] = biasHh.get(0, c * h + j);
                            for (int k = 0; k < x; k++) {
                                gi[c] += weightIh.get(c * h + j, k) * xt.get(b, k);
                            }
                            for (int k = 0; k < h; k++) {
                                gh[c] += weightHh.get(c * h + j, k) * state.get(b, k);
                            }
                        }
                        double r = 1 / (1 + Math.exp(-(gi[0] + gh[0])));
                        double z = 1 / (1 + Math.exp(-(gi[1] + gh[1])));
                        double n = Math.tanh(gi[2] + r * gh[2]);
                        next.set(b, j, (1 - z) * n + z * state.get(b, j));
                    }
                }
                assertClose(next, trace.h(t), Tolerances.VALUE, "h_" + t);
                state = next;
            }
        }

        private List<Matrix> xs(int size) {
            return CellContract.sequence(6, 2, size, 77);
        }
    }
}

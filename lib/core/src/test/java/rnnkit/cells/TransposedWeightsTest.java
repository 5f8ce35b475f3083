package rnnkit.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import rnnkit.tensor.Matrix;

/**
 * A forward pass of 8 or more sequences transposes the recurrent weights first and gives the
 * products both forms (Matrix.addProductInPlace(a, b, bT)); that must change nothing. Rows of a
 * batch are computed independently, so a batch of 32 (whose products with AVX-512 run as
 * (b^T a^T)^T) must give, row by row and bit for bit, what four batches of 8 give (whose products
 * there do not), through the recurrent products forward (h_t) and backward (dh_0); and a reused
 * trace must follow weights that change between passes.
 */
@DisplayName("Recurrent weights transposed per pass: the same bits as without, and never stale")
class TransposedWeightsTest {

    private static final int X = 64;   // 8 x 64 by 64 x 256 is on the vector kernels too, like 32 x 64 by 64 x 256
    private static final int H = 256;   // 32 x 256 by 256 x 256 runs transposed at either vector width; 8 x 256 x 256 is on the kernels too
    private static final int T = 5;

    private static RecurrentCell cell(String kind) {
        return switch (kind) {
            case "rnn" -> new RnnCell(X, H, 3);
            case "gru" -> new GruCell(X, H, 3);
            case "gru-pytorch" -> new GruCell(X, H, 3, GruCell.Options.PYTORCH);
            case "simple-gru" -> new SimpleGruCell(X, H, 3);
            default -> new LstmCell(X, H, 3);
        };
    }

    /** T random matrices of batch x width: inputs x_t (width X) or gradients dh_t (width H). */
    private static List<Matrix> steps(int batch, int width, Random random) {
        List<Matrix> out = new ArrayList<>();
        for (int t = 0; t < T; t++) {
            out.add(Matrix.gaussian(batch, width, 1.0, random));
        }
        return out;
    }

    private static List<Matrix> rows(List<Matrix> xs, int from, int to) {
        List<Matrix> out = new ArrayList<>();
        for (Matrix x : xs) {
            Matrix part = Matrix.zeros(to - from, x.cols());
            for (int i = from; i < to; i++) {
                for (int j = 0; j < x.cols(); j++) {
                    part.set(i - from, j, x.get(i, j));
                }
            }
            out.add(part);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rnn", "gru", "gru-pytorch", "simple-gru", "lstm"})
    @DisplayName("a batch of 32 gives the states and initial-state gradients of four batches of 8, bit for bit")
    void wholeBatchEqualsItsParts(String kind) {
        RecurrentCell cell = cell(kind);
        Random random = new Random(7);
        List<Matrix> xs = steps(32, X, random);
        List<Matrix> dhs = steps(32, H, random);
        Trace whole = cell.forward(xs);
        CellGradients g = cell.backward(whole, dhs, null);
        for (int part = 0; part < 4; part++) {
            int from = 8 * part;
            Trace piece = cell.forward(rows(xs, from, from + 8));
            CellGradients gp = cell.backward(piece, rows(dhs, from, from + 8), null);
            for (int t = 1; t <= T; t++) {
                assertEquals(rows(List.of(whole.h(t)), from, from + 8).get(0), piece.h(t), kind + " h_" + t);
            }
            for (String part2 : cell.stateNames()) {
                assertEquals(rows(List.of(g.initialState().get(part2)), from, from + 8).get(0), gp.initialState().get(part2),
                        kind + " d" + part2 + "_0");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rnn", "gru", "gru-pytorch", "simple-gru", "lstm"})
    @DisplayName("a reused trace follows the weights an update changed: the same as a fresh trace every pass")
    void reusedTraceSeesNewWeights(String kind) {
        Supplier<RecurrentCell> make = () -> cell(kind);
        RecurrentCell reusing = make.get();
        RecurrentCell fresh = make.get();
        Random random = new Random(11);
        Trace trace = null;
        for (int pass = 0; pass < 3; pass++) {
            List<Matrix> xs = steps(32, X, random);
            List<Matrix> dhs = steps(32, H, random);
            trace = reusing.forward(xs, null, trace);
            Trace other = fresh.forward(xs);
            assertEquals(other.lastH(), trace.lastH(), kind + " pass " + pass);
            CellGradients a = reusing.backward(trace, dhs, null);
            CellGradients b = fresh.backward(other, dhs, null);
            for (String name : reusing.parameters().names()) {
                assertEquals(b.parameters().get(name), a.parameters().get(name), kind + " d" + name + " pass " + pass);
                // an update, as an optimizer makes it
                reusing.parameters().get(name).addScaledInPlace(-0.1, a.parameters().get(name));
                fresh.parameters().get(name).addScaledInPlace(-0.1, b.parameters().get(name));
            }
            reusing.parameters().markChanged();
            fresh.parameters().markChanged();
        }
        assertTrue(trace.lastH().maxAbs() > 0);
    }
}

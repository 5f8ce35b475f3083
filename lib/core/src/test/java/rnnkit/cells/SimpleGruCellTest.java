package rnnkit.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import rnnkit.Tolerances;
import rnnkit.tensor.Matrix;

@DisplayName("SimpleGruCell (update gate only)")
class SimpleGruCellTest implements CellContract {

    @Override
    public RecurrentCell create(int inputSize, int hiddenSize, long seed) {
        return new SimpleGruCell(inputSize, hiddenSize, seed);
    }

    @Override
    public int expectedParameterCount(int x, int h) {
        return 2 * h * (x + h + 1);
    }

    @Test
    @DisplayName("one step by hand: h = z hTilde + (1 - z) h0")
    void oneStepByHand() {
        SimpleGruCell cell = new SimpleGruCell(2, 1, 0);
        cell.parameters().set("Wxz", Matrix.of(new double[][] {{0.2}, {0.4}}));
        cell.parameters().set("Whz", Matrix.row(1.0));
        cell.parameters().set("bz", Matrix.row(0.1));
        cell.parameters().set("Wxh", Matrix.of(new double[][] {{0.5}, {-0.5}}));
        cell.parameters().set("Whh", Matrix.row(-1.0));
        cell.parameters().set("bh", Matrix.row(0.2));
        // x = (1, -1), h0 = 0.5
        // z:      1*0.2 + (-1)*0.4 + 0.5*1.0 + 0.1  = 0.4   -> σ(0.4)    = 0.598687660112452
        // hTilde: 1*0.5 + (-1)*(-0.5) + 0.5*(-1) + 0.2 = 0.7 -> tanh(0.7) = 0.6043677771171636
        // h = 0.598687660112452 * 0.6043677771171636 + (1 - 0.598687660112452) * 0.5 = 0.5624837002734127
        Trace t = cell.forward(List.of(Matrix.row(1, -1)), State.of(Matrix.row(0.5)));
        assertEquals(0.598687660112452, t.gate("z", 1).get(0, 0), Tolerances.VALUE);
        assertEquals(0.6043677771171636, t.gate("hTilde", 1).get(0, 0), Tolerances.VALUE);
        assertEquals(0.5624837002734127, t.h(1).get(0, 0), Tolerances.VALUE);
    }
}

package rnnkit.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import rnnkit.Tolerances;
import rnnkit.tensor.Matrix;

@DisplayName("RnnCell")
class RnnCellTest implements CellContract {

    @Override
    public RecurrentCell create(int inputSize, int hiddenSize, long seed) {
        return new RnnCell(inputSize, hiddenSize, seed);
    }

    @Override
    public int expectedParameterCount(int x, int h) {
        return h * (x + h + 1);
    }

    @Test
    @DisplayName("one step by hand: h = tanh(x Wxh + h0 Whh + bh)")
    void oneStepByHand() {
        RnnCell cell = new RnnCell(2, 2, 0);
        cell.parameters().set("Wxh", Matrix.of(new double[][] {{0.1, 0.2}, {0.3, 0.4}}));
        cell.parameters().set("Whh", Matrix.of(new double[][] {{1.0, 0.0}, {0.5, -0.5}}));
        cell.parameters().set("bh", Matrix.row(0.05, -0.05));
        Matrix x = Matrix.row(1, 2);
        Matrix h0 = Matrix.row(0.5, -1);
        // unit 0: x Wxh = 1*0.1 + 2*0.3 = 0.7;  h0 Whh = 0.5*1.0 + (-1)*0.5 = 0.0;  + 0.05  -> a = 0.75
        // unit 1: x Wxh = 1*0.2 + 2*0.4 = 1.0;  h0 Whh = 0.5*0.0 + (-1)*(-0.5) = 0.5; - 0.05 -> a = 1.45
        // h = (tanh 0.75, tanh 1.45) = (0.6351489523872873, 0.8956928738431645)
        Matrix h = cell.forward(List.of(x), State.of(h0)).h(1);
        assertEquals(0.6351489523872873, h.get(0, 0), Tolerances.VALUE);
        assertEquals(0.8956928738431645, h.get(0, 1), Tolerances.VALUE);
    }
}

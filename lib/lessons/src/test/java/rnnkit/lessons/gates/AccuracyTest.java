package rnnkit.lessons.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import rnnkit.cells.RnnCell;
import rnnkit.data.Batch;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToOneModel;
import rnnkit.tensor.Matrix;

@DisplayName("Accuracy")
class AccuracyTest {

    @Test
    @DisplayName("is the share of examples whose largest logit is the target class")
    void share() {
        RnnCell cell = new RnnCell(1, 1, 1);
        ManyToOneModel model = new ManyToOneModel(cell, 2, Loss.softmaxCrossEntropy(), 1);
        // h = tanh(x); logits = h * [1, -1]: class 0 for x > 0, class 1 for x < 0
        cell.parameters().set("Wxh", Matrix.of(new double[][] {{1}}));
        cell.parameters().set("Whh", Matrix.of(new double[][] {{0}}));
        model.parameters().set("Why", Matrix.of(new double[][] {{1, -1}}));
        model.parameters().set("by", Matrix.zeros(1, 2));
        Matrix x = Matrix.of(new double[][] {{1}, {-1}, {2}, {-3}});
        Matrix y = Matrix.of(new double[][] {{1, 0}, {0, 1}, {0, 1}, {1, 0}}); // right, right, wrong, wrong
        assertEquals(0.5, Accuracy.of(model, Batch.of(List.of(x), y)));
        assertThrows(IllegalArgumentException.class, () -> Accuracy.of(model, null));
    }
}

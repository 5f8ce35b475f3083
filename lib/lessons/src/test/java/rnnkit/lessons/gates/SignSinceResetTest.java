package rnnkit.lessons.gates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import rnnkit.cells.LstmCell;
import rnnkit.data.Batch;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToManyModel;

@DisplayName("SignSinceReset")
class SignSinceResetTest {

    private final SignSinceReset task = new SignSinceReset(0.1);

    @Test
    @DisplayName("targets the sign of the sum since the last reset, as in the class comment")
    void targets() {
        // +2 -1 -2 | +1 +1 -2 | -1
        int[] stream = {3, 1, 0, 4, 2, 2, 0, 4, 1};
        assertEquals("+2 -1 -2 | +1 +1 -2 | -1", SignSinceReset.text(stream));
        assertArrayEquals(new int[] {2, 2, 0, 1, 2, 2, 1, 1, 0}, task.targets(stream));
    }

    @Test
    @DisplayName("makes one-hot batches of the right shapes, resets at about the asked rate")
    void batches() {
        Batch b = task.batch(8, 30, new Random(1));
        assertEquals(30, b.steps());
        assertEquals(8, b.batchSize());
        assertEquals(5, b.inputs().get(0).cols());
        assertEquals(3, b.targets().get(29).cols());
        int resets = 0;
        int[][] streams = task.streams(200, 50, new Random(2));
        for (int[] s : streams) {
            for (int id : s) {
                resets += id == SignSinceReset.RESET ? 1 : 0;
            }
        }
        assertTrue(resets > 800 && resets < 1200, "about 10% resets: " + resets);
    }

    @Test
    @DisplayName("marks the three steps after a reset")
    void afterReset() {
        int[] s = {0, 4, 0, 0, 0, 0};
        assertEquals(false, SignSinceReset.justAfterReset(s, 1));
        assertEquals(true, SignSinceReset.justAfterReset(s, 2));
        assertEquals(true, SignSinceReset.justAfterReset(s, 4));
        assertEquals(false, SignSinceReset.justAfterReset(s, 5));
    }

    @Test
    @DisplayName("an LSTM after 150 updates is right over 90% of the time, far above itself after one")
    void evaluation() {
        int[][] test = task.streams(100, 30, new Random(5));
        SignSinceReset.Trained untrained = task.trainLstm(true, 8, 1, 1);
        SignSinceReset.Evaluation before = task.evaluate(untrained.model(), test);
        SignSinceReset.Trained trained = task.trainLstm(true, 8, 1, 150);
        assertEquals(150, trained.history().rowCount());
        assertTrue(trained.model().cell().parameters().has("Wxf"));
        assertTrue(!task.trainLstm(false, 8, 1, 1).model().cell().parameters().has("Wxf"));
        SignSinceReset.Evaluation after = task.evaluate(trained.model(), test);
        assertTrue(after.accuracy() > 0.9 && after.accuracy() > before.accuracy() + 0.2, "trained: " + after + ", after one update: " + before);
        assertTrue(after.accuracy() <= Math.max(after.afterReset(), after.elsewhere()) + 1e-12
                && after.accuracy() >= Math.min(after.afterReset(), after.elsewhere()) - 1e-12,
                "overall lies between the parts: " + after);
    }

    @Test
    @DisplayName("averages a gate separately over reset steps and the other steps")
    void meanGateAtResets() {
        LstmCell cell = new LstmCell(5, 4, 3);
        ManyToManyModel model = new ManyToManyModel(cell, 3, Loss.softmaxCrossEntropy(), 3);
        int[][] streams = {{0, 4, 1}, {4, 2, 3}};
        rnnkit.cells.Trace trace = model.forward(task.batch(streams).inputs(), null).trace();
        double atReset = (trace.gate("f", 2).rowAt(0).sum() + trace.gate("f", 1).rowAt(1).sum()) / 8;
        double[] means = task.meanGateAtResets(model, streams, "f");
        assertEquals(atReset, means[0], 1e-15);
        double all = 0;
        for (int t = 1; t <= 3; t++) {
            all += trace.gate("f", t).sum();
        }
        assertEquals((all / 4 - 2 * atReset) / 4, means[1], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> task.meanGateAtResets(model, streams, "z"));
    }

    @Test
    @DisplayName("refuses bad arguments, naming them")
    void badArguments() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SignSinceReset(0)).getMessage().contains("pReset"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> task.targets(new int[] {7})).getMessage().contains("stream[0]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> task.stream(0, new Random())).getMessage().contains("steps"));
    }
}

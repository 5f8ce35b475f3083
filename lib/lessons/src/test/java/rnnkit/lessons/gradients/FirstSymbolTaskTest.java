package rnnkit.lessons.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.cells.RnnCell;
import rnnkit.data.OneHot;
import rnnkit.data.Batch;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToOneModel;
import rnnkit.tensor.Matrix;
import rnnkit.train.Optimizer;
import tech.tablesaw.api.Table;

@DisplayName("The long-lag task")
class FirstSymbolTaskTest {

    @Nested
    @DisplayName("FirstSymbolTask")
    class Task {

        @Test
        @DisplayName("puts a symbol at step 1, distractors after it, and the symbol as the target")
        void layout() {
            FirstSymbolTask task = new FirstSymbolTask(9, 3, 2);
            Batch b = task.batch(50, 1L);
            assertEquals(10, b.steps());
            assertEquals(5, task.inputSize());
            int[] first = OneHot.argmax(b.inputs().get(0));
            int[] target = OneHot.argmax(b.targets().get(0));
            for (int e = 0; e < 50; e++) {
                assertTrue(first[e] < 3, "step 1 is a symbol");
                assertEquals(first[e], target[e], "the target is the first symbol");
                for (int t = 1; t < 10; t++) {
                    Matrix x = b.inputs().get(t);
                    assertEquals(1.0, x.rowAt(e).sum(), "one-hot");
                    assertTrue(OneHot.argmax(x)[e] >= 3, "later steps are distractors");
                }
            }
            // the answers use every symbol
            assertEquals(3, java.util.Arrays.stream(target).distinct().count());
        }

        @Test
        @DisplayName("is repeatable from a seed")
        void seeded() {
            FirstSymbolTask task = new FirstSymbolTask(4, 2, 3);
            assertEquals(task.batch(8, 5L).inputs(), task.batch(8, 5L).inputs());
            assertTrue(!task.batch(8, 5L).inputs().equals(task.batch(8, 6L).inputs()));
        }

        @Test
        @DisplayName("rejects a lag below one, fewer than two symbols and no distractors")
        void badArguments() {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> new FirstSymbolTask(0, 2, 1)).getMessage().contains("lag"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> new FirstSymbolTask(3, 1, 1)).getMessage().contains("symbols"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> new FirstSymbolTask(3, 2, 0)).getMessage()
                    .contains("distractors"));
        }

        @Test
        @DisplayName("an untrained model is near chance, 1/K")
        void chance() {
            FirstSymbolTask task = new FirstSymbolTask(5, 4, 3);
            ManyToOneModel model = new ManyToOneModel(new RnnCell(7, 8, 1), 4, Loss.softmaxCrossEntropy(), 2);
            double accuracy = FirstSymbolTask.accuracy(model, task.batch(2000, 3L));
            assertEquals(0.25, accuracy, 0.1);
        }
    }

    @Nested
    @DisplayName("LongLagExperiment")
    class Experiment {

        private final LongLagExperiment.Budget budget = new LongLagExperiment.Budget(8, 16, 300, 10, 0.95, 1.0, Optimizer::adam, 0.02);

        @Test
        @DisplayName("an LSTM learns a short lag and stops as soon as it is solved")
        void learnsShortLag() {
            LongLagExperiment.Run run = LongLagExperiment.train(LstmCell::new, new FirstSymbolTask(3, 2, 2), 1, budget);
            assertTrue(run.solved(), "accuracy " + run.accuracy() + " after " + run.steps() + " steps");
            assertTrue(run.steps() < 300, "stopped early at step " + run.steps());
            assertTrue(run.accuracy() >= 0.95);
            assertEquals(0, run.steps() % 10, "stops at an evaluation step");
        }

        @Test
        @DisplayName("a run that cannot learn (learning rate near zero) is not solved and uses the whole budget")
        void unsolved() {
            var frozen = new LongLagExperiment.Budget(8, 16, 20, 10, 0.95, 1.0, Optimizer::sgd, 1e-12);
            LongLagExperiment.Run run = LongLagExperiment.train(RnnCell::new, new FirstSymbolTask(5, 4, 2), 1, frozen);
            assertTrue(!run.solved());
            assertEquals(20, run.steps());
        }

        @Test
        @DisplayName("tables one row per cell, lag and seed, identical between runs, and success rates per lag")
        void table() {
            var cells = new java.util.LinkedHashMap<String, LongLagExperiment.CellFactory>();
            cells.put("RNN", RnnCell::new);
            cells.put("GRU", GruCell::new);
            LongLagExperiment.Results results = LongLagExperiment.run(cells, new int[] {2, 4}, new long[] {1, 2}, 2, 2, budget);
            Table runs = results.table();
            Table again = LongLagExperiment.run(cells, new int[] {2, 4}, new long[] {1, 2}, 2, 2, budget).table();
            assertEquals(8, runs.rowCount());
            assertEquals(java.util.List.of("cell", "lag", "seed", "accuracy", "steps", "solved"), runs.columnNames());
            assertEquals(runs.doubleColumn("accuracy").asList(), again.doubleColumn("accuracy").asList());
            assertEquals("GRU", runs.stringColumn("cell").get(4));
            assertEquals(4, runs.intColumn("lag").get(6));
            Table rates = results.successRates();
            LongLagExperiment.Run gru4 = results.get("GRU", 4, 2);
            assertEquals(runs.doubleColumn("accuracy").get(7), gru4.accuracy(), 0.0);
            assertEquals(gru4.accuracy(), FirstSymbolTask.accuracy(gru4.model(),
                    new FirstSymbolTask(4, 2, 2).batch(LongLagExperiment.HELD_OUT, new java.util.Random(2 * 31 + 18))), 0.0,
                    "the run keeps its trained model");
            assertTrue(assertThrows(IllegalArgumentException.class, () -> results.get("LSTM", 2, 1)).getMessage().contains("LSTM"));
            assertEquals(java.util.List.of("lag", "RNN", "GRU"), rates.columnNames());
            for (int r = 0; r < 2; r++) {
                for (String c : java.util.List.of("RNN", "GRU")) {
                    int lag = rates.intColumn("lag").get(r);
                    long solved = runs.where(runs.stringColumn("cell").isEqualTo(c).and(runs.intColumn("lag").isEqualTo(lag)))
                            .booleanColumn("solved").asList().stream().filter(v -> v).count();
                    assertEquals(solved / 2.0, rates.doubleColumn(c).get(r), 0.0);
                }
            }
        }

        @Test
        @DisplayName("rejects a bad budget, naming the field")
        void badBudget() {
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> new LongLagExperiment.Budget(0, 16, 300, 10, 0.95, 1.0, Optimizer::adam, 0.02)).getMessage()
                    .contains("hiddenSize"));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> new LongLagExperiment.Budget(8, 16, 300, 10, 1.5, 1.0, Optimizer::adam, 0.02)).getMessage()
                    .contains("solvedAt"));
        }
    }
}

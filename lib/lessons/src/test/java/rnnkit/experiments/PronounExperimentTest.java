package rnnkit.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import rnnkit.experiments.PronounExperiment.Config;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

@DisplayName("PronounExperiment")
class PronounExperimentTest {

    /** A small, quick version: short scenes only. */
    private static Config small() {
        return new Config(PronounExperiment.Task.CLASSIFIER, 8, 4, 80, 16, 0.02, List.of(8), List.of(8), List.of(0, 2), 64);
    }

    @Nested
    @DisplayName("training")
    class Training {

        @Test
        @DisplayName("teaches an LSTM the pronoun at a short distance (far above chance), where the untrained model is near chance")
        void learns() {
            Config config = small();
            var trained = PronounExperiment.train(config, CellKind.LSTM, 1);
            Table after = PronounExperiment.evaluate(config, trained);
            double mean = after.doubleColumn("accuracy").mean();
            assertTrue(mean >= 0.85, "accuracy after training " + mean);
            var untrained = new PronounExperiment.Trained(CellKind.LSTM, 1, PronounExperiment.model(config, CellKind.LSTM, 1),
                    null);
            double before = PronounExperiment.evaluate(config, untrained).doubleColumn("accuracy").mean();
            assertTrue(before < 0.75, "accuracy before training " + before);
        }

        @Test
        @DisplayName("records a learning curve per test distance, and the updates needed once accuracy stays up")
        void curve() {
            Config config = small();
            var run = PronounExperiment.trainWithCurve(config, CellKind.LSTM, 1, config.updates() / 2, 32);
            assertEquals(2 * config.testDistances().size(), run.curve().rowCount());
            assertEquals(config.updates(), run.trained().history().rowCount());
            Table needed = PronounExperiment.updatesNeeded(run.curve(), 0.0);
            assertEquals(config.testDistances().size(), needed.rowCount());
            assertEquals(config.updates() / 2, needed.intColumn("updates_needed").get(0));
            assertTrue(PronounExperiment.updatesNeeded(run.curve(), 1.01).intColumn("updates_needed").isMissing().size()
                    == config.testDistances().size());
        }

        @Test
        @DisplayName("gives the same results on one thread and on two")
        void threads() {
            Config config = small().withUpdates(10);
            Table one = PronounExperiment.run(config, List.of(CellKind.RNN, CellKind.GRU), List.of(1L, 2L), 1);
            Table two = PronounExperiment.run(config, List.of(CellKind.RNN, CellKind.GRU), List.of(1L, 2L), 2);
            assertEquals(8, one.rowCount());
            for (int r = 0; r < one.rowCount(); r++) {
                assertEquals(one.doubleColumn("accuracy").get(r), two.doubleColumn("accuracy").get(r));
                assertEquals(one.stringColumn("cell").get(r), two.stringColumn("cell").get(r));
            }
        }

        @Test
        @DisplayName("uses the same hidden size and number of updates for every cell")
        void sameBudget() {
            Config config = small().withUpdates(5);
            for (CellKind kind : CellKind.values()) {
                var t = PronounExperiment.train(config, kind, 3);
                assertEquals(5, t.history().rowCount());
                assertEquals(8, t.model().cell().hiddenSize());
            }
        }
    }

    @Nested
    @DisplayName("summary")
    class Summary {

        @Test
        @DisplayName("averages over the other variable per seed, then gives the mean, min, max and sd over seeds")
        void summary() {
            Table runs = Table.create("runs", StringColumn.create("cell"), IntColumn.create("seed"), IntColumn.create("distance"),
                    IntColumn.create("distractors"), DoubleColumn.create("accuracy"));
            Object[][] rows = {
                {"GRU", 1, 5, 0, 1.0}, {"GRU", 1, 5, 1, 0.8},   // seed 1 at d = 5: 0.9
                {"GRU", 2, 5, 0, 0.6}, {"GRU", 2, 5, 1, 0.6},   // seed 2 at d = 5: 0.6
            };
            for (Object[] row : rows) {
                runs.stringColumn("cell").append((String) row[0]);
                runs.intColumn("seed").append((Integer) row[1]);
                runs.intColumn("distance").append((Integer) row[2]);
                runs.intColumn("distractors").append((Integer) row[3]);
                runs.doubleColumn("accuracy").append((Double) row[4]);
            }
            Table s = PronounExperiment.summary(runs, "distance");
            assertEquals(1, s.rowCount());
            assertEquals(0.75, s.doubleColumn("mean").get(0), 1e-12);
            assertEquals(0.6, s.doubleColumn("min").get(0), 1e-12);
            assertEquals(0.9, s.doubleColumn("max").get(0), 1e-12);
            assertEquals(Math.sqrt(0.045), s.doubleColumn("sd").get(0), 1e-12);
            assertEquals(0.75, PronounExperiment.mean(s, "GRU", 5), 1e-12);
            Table byK = PronounExperiment.summary(runs, "distractors");
            assertEquals(0.8, PronounExperiment.mean(byK, "GRU", 0), 1e-12);
            assertThrows(IllegalArgumentException.class, () -> PronounExperiment.summary(runs, "seed"));
        }
    }

    @Test
    @DisplayName("refuses a test distance shorter than any scene, naming the argument")
    void config() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Config(PronounExperiment.Task.CLASSIFIER, 8, 4, 10, 4,
                0.01, List.of(10), List.of(1), List.of(0, 2), 10));
        assertTrue(e.getMessage().contains("testDistances"), e.getMessage());
    }
}

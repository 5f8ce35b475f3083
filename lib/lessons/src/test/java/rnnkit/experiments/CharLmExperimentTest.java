package rnnkit.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import rnnkit.experiments.CharLmExperiment.Config;
import rnnkit.experiments.CharLmExperiment.Result;
import tech.tablesaw.api.Table;

@DisplayName("CharLmExperiment and LongRangeUnits")
class CharLmExperimentTest {

    /** A repetitive text a tiny model learns quickly. */
    private static final String TEXT = "class A { int x; /* note */ }\n".repeat(60);

    private static Config tiny(int updates) {
        return new Config(12, updates, 10, 4, 0.02, 2, 2, 20, 0.7);
    }

    @Nested
    @DisplayName("training")
    class Training {

        @Test
        @DisplayName("lowers the validation loss well below ln V, records checkpoints and samples, and the table adds up")
        void learns() {
            var split = CharLmExperiment.split(TEXT, 0.9);
            Result r = CharLmExperiment.train(tiny(150), CellKind.GRU, split, 1);
            double uniform = Math.log(split.vocabulary().size());
            assertTrue(r.finalValidationLoss() < 0.5 * uniform, "val " + r.finalValidationLoss() + " vs ln V " + uniform);
            assertEquals(150, r.history().rowCount());
            assertEquals(148, r.history().doubleColumn("val_loss").countMissing());
            assertEquals(List.of(75, 150), r.samples().intColumn("step").asList());
            assertEquals(20, r.samples().stringColumn("text").get(1).length());
            assertTrue(r.charsPerSecond() > 0);
            Table t = CharLmExperiment.comparison(List.of(r));
            assertEquals(r.model().parameterCount(), t.intColumn("parameters").get(0));
            assertEquals(r.finalValidationLoss() / Math.log(2), t.doubleColumn("bits_per_char").get(0), 1e-12);
        }

        @Test
        @DisplayName("is repeatable from the seed")
        void repeatable() {
            var split = CharLmExperiment.split(TEXT, 0.9);
            Result a = CharLmExperiment.train(tiny(20), CellKind.LSTM, split, 3);
            Result b = CharLmExperiment.train(tiny(20), CellKind.LSTM, split, 3);
            assertEquals(a.finalValidationLoss(), b.finalValidationLoss());
            assertEquals(a.samples().stringColumn("text").asList(), b.samples().stringColumn("text").asList());
        }

        @Test
        @DisplayName("smoothedLoss is the trailing mean")
        void smoothed() {
            var split = CharLmExperiment.split(TEXT, 0.9);
            Result r = CharLmExperiment.train(tiny(6), CellKind.RNN, split, 1);
            double[] loss = r.history().doubleColumn("loss").asDoubleArray();
            double[] s = r.smoothedLoss(3);
            assertEquals(loss[0], s[0], 1e-12);
            assertEquals((loss[0] + loss[1]) / 2, s[1], 1e-12);
            assertEquals((loss[3] + loss[4] + loss[5]) / 3, s[5], 1e-12);
            assertEquals(2, CharLmExperiment.lossChart(List.of(r), 3).getSeriesMap().size());
        }

        @Test
        @DisplayName("refuses a text that is too short and a bad split fraction")
        void badInput() {
            assertThrows(IllegalArgumentException.class, () -> CharLmExperiment.split("short", 0.9));
            var e = assertThrows(IllegalArgumentException.class, () -> CharLmExperiment.split(TEXT, 1.0));
            assertTrue(e.getMessage().contains("fraction"));
        }
    }

    @Nested
    @DisplayName("LongRangeUnits")
    class Units {

        @Test
        @DisplayName("search reports one best unit per signal and state part, consistent with UnitFinder")
        void search() {
            var split = CharLmExperiment.split(TEXT, 0.9);
            var model = CharLmExperiment.model(tiny(2), CellKind.LSTM, split.vocabulary().size(), 2);
            String passage = TEXT.substring(0, 300);
            var signals = new LinkedHashMap<String, double[]>();
            signals.put("comment", SourceText.insideComment(passage));
            signals.put("depth", SourceText.braceDepth(passage));
            Table found = LongRangeUnits.search(model, split.vocabulary(), passage, signals);
            assertEquals(4, found.rowCount());
            assertEquals(List.of("h", "c", "h", "c"), found.stringColumn("state").asList());
            var c = LongRangeUnits.states(model, split.vocabulary(), passage, "c");
            var direct = UnitFinder.bestCorrelated(c, signals.get("depth"));
            assertEquals(direct.unit(), found.intColumn("unit").get(3));
            assertEquals(direct.correlation(), found.doubleColumn("correlation").get(3), 1e-12);
            int best = LongRangeUnits.strongest(found);
            for (int r = 0; r < 4; r++) {
                assertTrue(Math.abs(found.doubleColumn("correlation").get(best)) >= Math.abs(found.doubleColumn("correlation").get(r)));
            }
        }

        @Test
        @DisplayName("a mask keeps only the chosen characters; letters() marks a-z and A-Z")
        void mask() {
            assertArrayEquals(new boolean[] {true, false, true, false}, LongRangeUnits.letters("a{Z1"));
            var split = CharLmExperiment.split(TEXT, 0.9);
            var model = CharLmExperiment.model(tiny(2), CellKind.LSTM, split.vocabulary().size(), 2);
            String passage = TEXT.substring(0, 200);
            var signals = new LinkedHashMap<String, double[]>();
            signals.put("comment", SourceText.insideComment(passage));
            boolean[] keep = LongRangeUnits.letters(passage);
            Table masked = LongRangeUnits.search(model, split.vocabulary(), passage, signals, keep);
            var c = LongRangeUnits.states(model, split.vocabulary(), passage, "c");
            int n = 0;
            for (boolean k : keep) {
                n += k ? 1 : 0;
            }
            double[] sig = new double[n];
            double[] unit = new double[n];
            int j = masked.intColumn("unit").get(1);
            for (int k = 0, r = 0; k < keep.length; k++) {
                if (keep[k]) {
                    sig[r] = signals.get("comment")[k];
                    unit[r++] = c.get(k, j);
                }
            }
            assertEquals(UnitFinder.correlation(unit, sig), masked.doubleColumn("correlation").get(1), 1e-12);
            assertThrows(IllegalArgumentException.class,
                    () -> LongRangeUnits.search(model, split.vocabulary(), passage, signals, new boolean[3]));
        }

        @Test
        @DisplayName("trace rescales the signal onto the unit's range")
        void trace() {
            var split = CharLmExperiment.split(TEXT, 0.9);
            var model = CharLmExperiment.model(tiny(2), CellKind.LSTM, split.vocabulary().size(), 2);
            String passage = TEXT.substring(0, 100);
            Table t = LongRangeUnits.trace(model, split.vocabulary(), passage, "h", 1, SourceText.braceDepth(passage), 10, 60);
            assertEquals(50, t.rowCount());
            assertEquals(t.doubleColumn("activation").min(), t.doubleColumn("signal (scaled)").min(), 1e-12);
            assertEquals(t.doubleColumn("activation").max(), t.doubleColumn("signal (scaled)").max(), 1e-12);
        }
    }
}

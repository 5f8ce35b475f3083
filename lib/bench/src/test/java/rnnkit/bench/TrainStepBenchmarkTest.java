package rnnkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The training-step benchmark")
class TrainStepBenchmarkTest {

    @Test
    @DisplayName("reads a grid from the command line, every combination in order")
    void grid() {
        var options = TrainStepBenchmark.Options.parse(new String[] {"--cell", "gru,lstm", "--hidden", "8,16", "--batch", "2",
                "--seq", "5", "--vocab", "7", "--threads", "1", "--seconds", "0.5"});
        List<TrainStepBenchmark.Config> grid = options.grid();
        assertEquals(4, grid.size());
        assertEquals(new TrainStepBenchmark.Config("gru", 8, 2, 5, 7), grid.get(0));
        assertEquals(new TrainStepBenchmark.Config("lstm", 16, 2, 5, 7), grid.get(3));
        assertEquals(0.5, options.seconds());
    }

    @Test
    @DisplayName("takes min-char-rnn's optimizer and clipping, and says so in its JSON")
    void minCharRnnOptions() {
        var options = TrainStepBenchmark.Options.parse(new String[] {"--cell", "rnn", "--hidden", "4", "--batch", "1",
                "--seq", "3", "--vocab", "5", "--optimizer", "adagrad", "--clip", "5"});
        var config = options.grid().get(0);
        assertEquals(new TrainStepBenchmark.Config("rnn", 4, 1, 3, 5, "adagrad", 5.0), config);
        String json = TrainStepBenchmark.measure(config, 0.1).json();
        assertTrue(json.contains("\"vocab\":5,\"optimizer\":\"adagrad\",\"clip\":5.0,\"threads\":1"), json);
        var e = assertThrows(IllegalArgumentException.class, () -> TrainStepBenchmark.Options.parse(new String[] {"--optimizer", "rmsprop"}));
        assertEquals("--optimizer: 'rmsprop' is not sgd or adagrad", e.getMessage());
    }

    @Test
    @DisplayName("refuses a bad value, naming the option")
    void badOptions() {
        var e = assertThrows(IllegalArgumentException.class, () -> TrainStepBenchmark.Options.parse(new String[] {"--cell", "gru,tcn"}));
        assertEquals("--cell: 'tcn' is not rnn, gru or lstm", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainStepBenchmark.Options.parse(new String[] {"--hidden", "64,-1"}));
        assertTrue(e.getMessage().startsWith("--hidden takes positive whole numbers"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainStepBenchmark.Options.parse(new String[] {"--threads", "2"}));
        assertTrue(e.getMessage().contains("only 1 is supported"), e.getMessage());
    }

    @Test
    @DisplayName("measures a small configuration and prints it as one JSON line with consistent numbers")
    void measures() {
        var config = new TrainStepBenchmark.Config("lstm", 4, 2, 3, 5);
        TrainStepBenchmark.Result r = TrainStepBenchmark.measure(config, 0.2);
        assertTrue(r.repeats() >= 3);
        assertTrue(r.min() > 0 && r.min() <= r.charsPerSecond() && r.charsPerSecond() <= r.max(), r.json());
        assertEquals(r.charsPerSecond() / 6, r.stepsPerSecond(), 1e-9 * r.charsPerSecond());
        assertTrue(r.json().matches("\\{\"cell\":\"lstm\",\"hidden\":4,\"batch\":2,\"seq\":3,\"vocab\":5,\"threads\":1,"
                + "\"chars_per_s\":[0-9.]+,\"steps_per_s\":[0-9.]+,\"min\":[0-9.]+,\"max\":[0-9.]+,\"repeats\":\\d+,\"clock\":\"(wall|cpu)\"}"), r.json());
    }

    @Test
    @DisplayName("trains for real: the loss of its step falls on repeated data")
    void trains() {
        var step = new TrainStepBenchmark.Step(new TrainStepBenchmark.Config("gru", 8, 2, 4, 5));
        double first = step.lossOfNextBatch();
        for (int k = 0; k < 200; k++) {
            step.run();
        }
        assertTrue(step.lossOfNextBatch() < first, "loss should fall: " + first + " -> " + step.lossOfNextBatch());
    }
}

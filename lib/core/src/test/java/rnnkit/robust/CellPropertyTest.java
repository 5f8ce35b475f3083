package rnnkit.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.cells.RecurrentCell;
import rnnkit.cells.RnnCell;
import rnnkit.cells.SimpleGruCell;
import rnnkit.cells.State;
import rnnkit.data.CharCorpus;
import rnnkit.gradcheck.GradientCheck;
import rnnkit.gradcheck.GradientCheckReport;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToManyModel;
import rnnkit.tensor.Matrix;
import rnnkit.train.Clipping;
import rnnkit.train.Optimizer;
import rnnkit.train.ProgressListener;
import rnnkit.train.Trainer;

/**
 * Properties that hold for every cell, shape, seed and initial state, tried on cases drawn at
 * random from a fixed seed (so a failure names its case and repeats exactly).
 */
class CellPropertyTest {

    /** Makes a cell for the given sizes and seed. */
    interface Maker {
        RecurrentCell make(int inputs, int hidden, long seed);
    }

    /** Every cell and variant, by name. */
    static final List<Arguments> CELLS = List.of(
            Arguments.of("rnn", (Maker) RnnCell::new),
            Arguments.of("simple gru", (Maker) SimpleGruCell::new),
            Arguments.of("gru", (Maker) GruCell::new),
            Arguments.of("gru pytorch", (Maker) (x, h, s) -> new GruCell(x, h, s, GruCell.Options.PYTORCH)),
            Arguments.of("gru cho 2014", (Maker) (x, h, s) -> new GruCell(x, h, s, GruCell.Options.CHO_2014)),
            Arguments.of("lstm", (Maker) LstmCell::new),
            Arguments.of("lstm without forget gate", (Maker) (x, h, s) -> new LstmCell(x, h, s, LstmCell.Options.noForgetGate())),
            Arguments.of("lstm forget bias 1", (Maker) (x, h, s) -> new LstmCell(x, h, s, LstmCell.Options.forgetBias(1.0))));

    /** 40 random cases: a cell, X in 1..4, H in 1..5, T in 1..6, B in 1..3, a seed, zero or random h0. */
    static Stream<Arguments> randomCases() {
        Random draw = new Random(20261122);
        return IntStream.range(0, 40).mapToObj(k -> {
            Arguments cell = CELLS.get(draw.nextInt(CELLS.size()));
            return Arguments.of(cell.get()[0], cell.get()[1], 1 + draw.nextInt(4), 1 + draw.nextInt(5), 1 + draw.nextInt(6),
                    1 + draw.nextInt(3), draw.nextLong(), draw.nextBoolean());
        });
    }

    @ParameterizedTest(name = "{0}: X={2} H={3} T={4} B={5} seed={6} zero h0={7}")
    @MethodSource("randomCases")
    void gradientsMatchFiniteDifferences(String name, Maker maker, int inputs, int hidden, int steps, int batch, long seed,
            boolean zeroStart) {
        RecurrentCell cell = maker.make(inputs, hidden, seed);
        Random random = new Random(seed);
        List<Matrix> xs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            xs.add(Matrix.gaussian(batch, inputs, 1.0, random));
        }
        State initial = zeroStart ? null : randomState(cell, batch, random);
        GradientCheckReport report = GradientCheck.standard().check(cell, xs, initial, seed);
        assertTrue(report.passed(), () -> cell + ", T = " + steps + ", B = " + batch + ": " + report);
    }

    static Stream<Arguments> everyCell() {
        return CELLS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCell")
    void sameSeedTrainsToBitIdenticalParameters(String name, Maker maker) {
        assertEquals(trainedParameters(maker, 17), trainedParameters(maker, 17));
    }

    static State randomState(RecurrentCell cell, int batch, Random random) {
        Matrix h = Matrix.gaussian(batch, cell.hiddenSize(), 0.5, random);
        return cell.stateNames().size() == 1 ? State.of(h) : State.of(h, Matrix.gaussian(batch, cell.hiddenSize(), 0.5, random));
    }

    static List<Matrix> trainedParameters(Maker maker, long seed) {
        CharCorpus corpus = new CharCorpus("to be or not to be, that is the question. ");
        int v = corpus.vocabulary().size();
        ManyToManyModel model = new ManyToManyModel(maker.make(v, 5, seed), v, Loss.softmaxCrossEntropy(), seed + 1);
        new Trainer(model, Optimizer.adam(0.01)).clipping(Clipping.globalNorm(1)).progress(ProgressListener.NONE)
                .train(6, step -> corpus.chunk(step, 8, 2));
        List<Matrix> values = new ArrayList<>();
        model.parameters().forEach((n, m) -> values.add(m.copy()));
        return values;
    }
}

package rnnkit.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.cells.RecurrentCell;
import rnnkit.cells.RnnCell;
import rnnkit.cells.SimpleGruCell;
import rnnkit.cells.State;
import rnnkit.data.CharCorpus;
import rnnkit.grad.GradientCheck;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToManyModel;
import rnnkit.tensor.Matrix;
import rnnkit.train.Clipping;
import rnnkit.train.Optimizer;
import rnnkit.train.ProgressListener;
import rnnkit.train.Trainer;

/** Properties that hold for every cell, shape, seed and initial state, tried on random ones. */
class CellPropertyTest {

    /** Every cell and variant, made for the given sizes and seed. */
    interface Maker {
        RecurrentCell make(int inputs, int hidden, long seed);
    }

    @Provide
    Arbitrary<Maker> cells() {
        return Arbitraries.of(
                RnnCell::new,
                SimpleGruCell::new,
                GruCell::new,
                (x, h, s) -> new GruCell(x, h, s, GruCell.Options.PYTORCH),
                (x, h, s) -> new GruCell(x, h, s, GruCell.Options.CHO_2014),
                LstmCell::new,
                (x, h, s) -> new LstmCell(x, h, s, LstmCell.Options.noForgetGate()),
                (x, h, s) -> new LstmCell(x, h, s, LstmCell.Options.forgetBias(1.0)));
    }

    @Property(tries = 40, seed = "20261122")
    void gradientsMatchFiniteDifferences(@ForAll("cells") Maker maker, @ForAll @IntRange(min = 1, max = 4) int inputs,
            @ForAll @IntRange(min = 1, max = 5) int hidden, @ForAll @IntRange(min = 1, max = 6) int steps,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll long seed, @ForAll boolean zeroStart) {
        RecurrentCell cell = maker.make(inputs, hidden, seed);
        Random random = new Random(seed);
        List<Matrix> xs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            xs.add(Matrix.gaussian(batch, inputs, 1.0, random));
        }
        State initial = zeroStart ? null : randomState(cell, batch, random);
        GradientCheck.Report report = GradientCheck.standard().check(cell, xs, initial, seed);
        assertTrue(report.passed(), () -> cell + ", T = " + steps + ", B = " + batch + ": " + report);
    }

    @Property(tries = 8, seed = "20261122")
    void sameSeedTrainsToBitIdenticalParameters(@ForAll("cells") Maker maker, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        assertEquals(trainedParameters(maker, seed), trainedParameters(maker, seed));
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
        model.parameters().forEach((name, m) -> values.add(m.copy()));
        return values;
    }
}

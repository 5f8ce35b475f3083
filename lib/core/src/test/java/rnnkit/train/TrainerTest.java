package rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.data.CharCorpus;
import rnnkit.data.Batch;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToManyModel;
import rnnkit.plot.Plots;
import tech.tablesaw.api.Table;

@DisplayName("Trainer")
class TrainerTest {

    private static final String TEXT = "vincent and jules take the place. vincent and jules talk. ";

    private static Table run(CharCorpus corpus, Optimizer optimizer, int steps) {
        int v = corpus.vocabulary().size();
        ManyToManyModel m = new ManyToManyModel(new LstmCell(v, 16, 1), v, Loss.softmaxCrossEntropy(), 2);
        return new Trainer(m, optimizer).clipping(Clipping.value(5)).progress(ProgressListener.NONE)
                .train(steps, step -> corpus.chunk(step, 10, 2));
    }

    @Test
    @DisplayName("a character model's loss falls, and the history has step, loss, grad_norm, seconds")
    void lossFalls() {
        CharCorpus corpus = new CharCorpus(TEXT);
        Table h = run(corpus, Optimizer.adagrad(0.1), 150);
        assertEquals(List.of("step", "loss", "grad_norm", "seconds"), h.columnNames());
        assertEquals(150, h.rowCount());
        double first = h.doubleColumn("loss").get(0);
        double last = h.doubleColumn("loss").subset(new int[] {140, 141, 142, 143, 144, 145, 146, 147, 148, 149}).mean();
        assertTrue(last < 0.6 * first, "loss " + first + " -> " + last);
        assertEquals(Math.log(corpus.vocabulary().size()), first, 0.2, "an untrained model is about uniform");
    }

    @Test
    @DisplayName("truncated BPTT: a continuing chunk starts from the previous chunk's final state")
    void carriesState() {
        CharCorpus corpus = new CharCorpus(TEXT);
        int v = corpus.vocabulary().size();
        ManyToManyModel m = new ManyToManyModel(new GruCell(v, 6, 1), v, Loss.softmaxCrossEntropy(), 2);
        Optimizer frozen = (params, grads) -> { };
        Table h = new Trainer(m, frozen).progress(ProgressListener.NONE).train(2, step -> corpus.chunk(step, 10, 2));
        Batch first = corpus.chunk(0, 10, 2);
        Batch second = corpus.chunk(1, 10, 2);
        var carried = m.forward(first.inputs(), null).trace().finalState();
        assertEquals(m.loss(second, carried), h.doubleColumn("loss").get(1));
        assertTrue(m.loss(second, null) != h.doubleColumn("loss").get(1), "a fresh state would give another loss");
    }

    @Test
    @DisplayName("the same seeds give bit-identical losses")
    void deterministic() {
        CharCorpus corpus = new CharCorpus(TEXT);
        Table a = run(corpus, Optimizer.adam(0.01), 30);
        Table b = run(corpus, Optimizer.adam(0.01), 30);
        assertEquals(a.doubleColumn("loss").asList(), b.doubleColumn("loss").asList());
        assertEquals(a.doubleColumn("grad_norm").asList(), b.doubleColumn("grad_norm").asList());
    }

    @Test
    @DisplayName("validation adds val_loss every n steps and at the end; the chart has both curves")
    void validation() {
        CharCorpus corpus = new CharCorpus(TEXT);
        int v = corpus.vocabulary().size();
        ManyToManyModel m = new ManyToManyModel(new GruCell(v, 8, 1), v, Loss.softmaxCrossEntropy(), 2);
        List<Batch> val = List.of(corpus.chunk(2, 10, 2));
        Table h = new Trainer(m, Optimizer.sgd(0.5, 0.9)).clipping(Clipping.globalNorm(1)).validation(val, 10)
                .progress(ProgressListener.NONE).train(25, step -> corpus.chunk(step, 10, 2));
        assertEquals(List.of("step", "loss", "grad_norm", "seconds", "val_loss"), h.columnNames());
        assertEquals(3, h.rowCount() - h.doubleColumn("val_loss").countMissing()); // steps 10, 20, 25
        assertTrue(h.doubleColumn("val_loss").isMissing(0));
        XYChart chart = Plots.lossCurves(h);
        assertEquals(25, chart.getSeriesMap().get("loss").getXData().length);
        assertEquals(3, chart.getSeriesMap().get("val_loss").getXData().length);
    }

    @Test
    @DisplayName("progress goes to the listener, and training prints nothing")
    void quiet() {
        CharCorpus corpus = new CharCorpus(TEXT);
        int v = corpus.vocabulary().size();
        ManyToManyModel m = new ManyToManyModel(new GruCell(v, 4, 1), v, Loss.softmaxCrossEntropy(), 2);
        List<Integer> seen = new ArrayList<>();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured));
            System.setErr(new PrintStream(captured));
            new Trainer(m, Optimizer.adagrad(0.1)).progress((step, total, loss, s) -> seen.add(step))
                    .train(5, step -> corpus.chunk(step, 5, 1));
            new Trainer(m, Optimizer.adagrad(0.1)).train(5, step -> corpus.chunk(step, 5, 1));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals(List.of(1, 2, 3, 4, 5), seen);
        assertEquals("", captured.toString());
        assertSame(ProgressListener.NONE, ProgressListener.auto(), "outside a kernel there is no display");
        assertEquals("step 5/10  loss 2.000  1.0 s, about 1 s left", ProgressListener.describe(5, 10, 2.0, 1.0));
    }
}

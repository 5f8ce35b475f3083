package rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.cells.RecurrentCell;
import rnnkit.cells.RnnCell;
import rnnkit.cells.SimpleGruCell;
import rnnkit.cells.State;
import rnnkit.cells.Trace;
import rnnkit.data.Batch;
import rnnkit.data.OneHot;
import rnnkit.tensor.Matrix;
import rnnkit.train.Optimizer;

@DisplayName("Training passes that reuse their matrices")
class TrainingBuffersTest {

    static final int V = 7;

    static Stream<Arguments> cells() {
        return Stream.of(Arguments.of("RNN", (Supplier<RecurrentCell>) () -> new RnnCell(V, 6, 1)),
                Arguments.of("simple GRU", (Supplier<RecurrentCell>) () -> new SimpleGruCell(V, 6, 2)),
                Arguments.of("GRU", (Supplier<RecurrentCell>) () -> new GruCell(V, 6, 3)),
                Arguments.of("GRU (PyTorch)", (Supplier<RecurrentCell>) () -> new GruCell(V, 6, 4, GruCell.Options.PYTORCH)),
                Arguments.of("LSTM", (Supplier<RecurrentCell>) () -> new LstmCell(V, 6, 5)),
                Arguments.of("LSTM without forget gate", (Supplier<RecurrentCell>) () -> new LstmCell(V, 6, 6, LstmCell.Options.noForgetGate())));
    }

    static Batch batch(int steps, int size, long seed) {
        Random random = new Random(seed);
        List<Matrix> xs = new ArrayList<>();
        List<Matrix> ys = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            int[] in = new int[size];
            int[] out = new int[size];
            for (int b = 0; b < size; b++) {
                in[b] = random.nextInt(V);
                out[b] = random.nextInt(V);
            }
            xs.add(OneHot.rows(in, V));
            ys.add(OneHot.rows(out, V));
        }
        return new Batch(xs, ys, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    @DisplayName("give exactly the loss, gradients and final state of fresh passes, step after step")
    void sameNumbers(String name, Supplier<RecurrentCell> make) {
        ManyToManyModel reusing = new ManyToManyModel(make.get(), V, Loss.softmaxCrossEntropy(), 9);
        ManyToManyModel fresh = new ManyToManyModel(make.get(), V, Loss.softmaxCrossEntropy(), 9);
        Optimizer a = Optimizer.sgd(0.1);
        Optimizer b = Optimizer.sgd(0.1);
        TrainingStep training = new TrainingStep(reusing);
        State carriedA = null;
        State carriedB = null;
        for (int step = 0; step < 6; step++) {
            Batch batch = batch(5, 3, step);
            SequenceModel.Gradients ga = training.gradients(batch, carriedA);
            SequenceModel.Gradients gb = fresh.gradients(batch, carriedB);
            assertEquals(gb.loss(), ga.loss(), "loss at step " + step);
            for (String p : gb.gradients().names()) {
                assertEquals(gb.gradients().get(p), ga.gradients().get(p), p + " at step " + step);
            }
            assertEquals(gb.finalState(), ga.finalState());
            assertNull(ga.inputGradients(), "one-hot inputs need no gradients in training");
            carriedA = ga.finalState();
            carriedB = gb.finalState();
            a.step(reusing.parameters(), ga.gradients());
            b.step(fresh.parameters(), gb.gradients());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    @DisplayName("a trace passed back is overwritten in place; a trace from forward(xs, h0) never is")
    void reuseOnlyWhenAsked(String name, Supplier<RecurrentCell> make) {
        RecurrentCell cell = make.get();
        List<Matrix> first = batch(4, 2, 1).inputs();
        List<Matrix> second = batch(4, 2, 2).inputs();
        Trace kept = cell.forward(first, null);
        Matrix h2 = kept.h(2).copy();
        Trace reusable = cell.forward(first, null, null);
        Trace again = cell.forward(second, null, reusable);
        org.junit.jupiter.api.Assertions.assertSame(reusable, again, "same shape: the same trace, overwritten");
        assertEquals(cell.forward(second, null).h(2), again.h(2));
        Trace other = cell.forward(second, null, kept);
        assertNotSame(kept, other, "a trace made without reuse is never overwritten");
        assertEquals(h2, kept.h(2));
        Trace longer = cell.forward(batch(6, 2, 3).inputs(), null, again);
        assertNotSame(again, longer, "another T needs new matrices");
    }

    /** Bytes this thread allocates over {@code passes} training passes of T steps, after a warm-up. */
    static long bytesPerPass(Supplier<RecurrentCell> make, int steps) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ManyToManyModel model = new ManyToManyModel(make.get(), V, Loss.softmaxCrossEntropy(), 9);
        Optimizer sgd = Optimizer.sgd(0.01);
        Batch batch = batch(steps, 2, 7);
        TrainingStep training = new TrainingStep(model);
        State carried = null;
        long before = 0;
        int warmUp = 300;
        int passes = 100;
        for (int k = 0; k < warmUp + passes; k++) {
            if (k == warmUp) {
                before = threads.getCurrentThreadAllocatedBytes();
            }
            SequenceModel.Gradients g = training.gradients(batch, carried);
            carried = g.finalState();
            sgd.step(model.parameters(), g.gradients());
        }
        return (threads.getCurrentThreadAllocatedBytes() - before) / passes;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    @DisplayName("allocate nothing per time step: the bytes a pass allocates do not grow from T = 10 to T = 100")
    void noAllocationPerStep(String name, Supplier<RecurrentCell> make) {
        long t10 = bytesPerPass(make, 10);
        long t100 = bytesPerPass(make, 100);
        assertTrue(t100 - t10 < 90 * 8, "90 more steps allocated " + (t100 - t10) + " more bytes per pass (" + t10 + " -> " + t100 + ")");
        assertTrue(t100 < 16_384, "a pass of 100 steps allocated " + t100 + " bytes");
    }

    @Test
    @DisplayName("a model with an embedding still gets the gradient of its embedding")
    void embedding() {
        var reusing = ManyToManyModel.withEmbedding(V, new GruCell(4, 5, 1), V, Loss.softmaxCrossEntropy(), 3);
        var fresh = ManyToManyModel.withEmbedding(V, new GruCell(4, 5, 1), V, Loss.softmaxCrossEntropy(), 3);
        Batch batch = batch(5, 2, 4);
        assertEquals(fresh.gradients(batch, null).gradients().get("E"), new TrainingStep(reusing).gradients(batch, null).gradients().get("E"));
    }

    @Test
    @DisplayName("a model shared by two training steps: each keeps its own matrices, and a step is tied to its model")
    void sharedModel() {
        var model = new ManyToManyModel(new LstmCell(V, 6, 5), V, Loss.softmaxCrossEntropy(), 9);
        TrainingStep one = new TrainingStep(model);
        TrainingStep two = new TrainingStep(model);
        Batch first = batch(5, 2, 1);
        Batch second = batch(5, 2, 2);
        SequenceModel.Gradients g1 = one.gradients(first, null);
        Matrix dWhy = g1.gradients().get("Why").copy();
        two.gradients(second, null);
        assertEquals(dWhy, g1.gradients().get("Why"), "the other step's pass left this step's gradients alone");
        assertEquals(model.gradients(first, null).gradients().get("Why"), dWhy);
        var other = new ManyToManyModel(new LstmCell(V, 6, 5), V, Loss.softmaxCrossEntropy(), 9);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> other.gradients(first, null, one));
    }
}

package rnnkit.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rnnkit.cells.CellGradients;
import rnnkit.cells.LstmCell;
import rnnkit.cells.RecurrentCell;
import rnnkit.cells.RnnCell;
import rnnkit.cells.Trace;
import rnnkit.data.Batch;
import rnnkit.data.CharCorpus;
import rnnkit.io.ModelFile;
import rnnkit.nn.ManyToManyModel;
import rnnkit.nn.SequenceModel;
import rnnkit.nn.TrainingStep;
import rnnkit.tensor.Matrix;
import rnnkit.train.Optimizer;
import rnnkit.train.Trainer;

/**
 * Stateful objects used out of order: a result read after it went stale is refused with
 * {@link IllegalStateException} and a message that says what to do instead, never returned wrong.
 */
@DisplayName("A stale result is refused, not returned wrong")
class MisuseTest {

    static final String STALE_TRACE = "backward: the cell's parameters have changed since the forward pass that made this"
            + " trace (an optimizer step, Parameters.set or a loaded model file), so the gradients would mix the old states"
            + " with the new weights. Run forward again, then backward; in a training loop, update after backward";

    static final String OVERWRITTEN = "this result came from call 1 of its TrainingStep, and call 2 has overwritten its"
            + " matrices since (a TrainingStep reuses them so a training step allocates nothing). Use a result before the next"
            + " call, keep a copy (g.gradients().copy(), g.finalState().copy()), or call model.gradients(batch, state), which"
            + " returns fresh matrices";

    static List<Matrix> xs() {
        return Collections.nCopies(3, Matrix.filled(2, 3, 0.5));
    }

    static Batch batch() {
        return new CharCorpus(BadInputTest.TEXT).chunk(0, 3, 2);
    }

    /** Backward over a trace of {@code cell}, after {@code change} ran between the forward pass and it. */
    static Executable backwardAfter(RecurrentCell cell, Runnable change) {
        return () -> {
            Trace trace = cell.forward(xs());
            change.run();
            cell.backward(trace, Collections.nCopies(3, Matrix.filled(2, 4, 1.0)), null);
        };
    }

    static Stream<Arguments> cases() {
        RnnCell rnn = new RnnCell(3, 4, 1);
        LstmCell lstm = new LstmCell(3, 4, 1);
        RnnCell edited = new RnnCell(3, 4, 1);
        RnnCell marked = new RnnCell(3, 4, 1);
        ManyToManyModel model = BadInputTest.charModel();
        return Stream.of(
                row("backward after an optimizer step", backwardAfter(rnn, () -> Optimizer.sgd(0.1).step(rnn.parameters(),
                        rnn.parameters().zerosLike())), STALE_TRACE),
                row("an LSTM's backward after an Adam step", backwardAfter(lstm, () -> Optimizer.adam(0.1).step(lstm.parameters(),
                        lstm.parameters().zerosLike())), STALE_TRACE),
                row("backward after Parameters.set", backwardAfter(edited, () -> edited.parameters().set("Whh", Matrix.zeros(4, 4))),
                        STALE_TRACE),
                row("backward after an entry was edited and markChanged called", backwardAfter(marked, () -> {
                    marked.parameters().get("bh").set(0, 1, 0.3);
                    marked.parameters().markChanged();
                }), STALE_TRACE),
                row("the cell's backward over a model's forward, after a step on the model's parameters", () -> {
                    Batch b = batch();
                    SequenceModel.Output out = model.forward(b.inputs(), null);
                    Optimizer.adagrad(0.1).step(model.parameters(), model.gradients(b, null).gradients());
                    model.cell().backward(out.trace(), null, out.trace().finalState());
                }, STALE_TRACE),
                row("backward after a model file was loaded into the model", () -> {
                    ManyToManyModel m = BadInputTest.charModel();
                    Path file = Files.createTempFile("rnnkit-misuse", ".rnnkit");
                    try {
                        ModelFile.save(file, BadInputTest.charModel());
                        Trace trace = m.forward(batch().inputs(), null).trace();
                        ModelFile.loadInto(file, m);
                        m.cell().backward(trace, null, trace.finalState());
                    } finally {
                        Files.deleteIfExists(file);
                    }
                }, STALE_TRACE),
                row("training gradients read after the next training call", () -> {
                    TrainingStep step = new TrainingStep(BadInputTest.charModel());
                    SequenceModel.Gradients first = step.gradients(batch(), null);
                    step.gradients(batch(), null);
                    first.gradients();
                }, OVERWRITTEN),
                row("a training call's final state read after the next call", () -> {
                    TrainingStep step = new TrainingStep(BadInputTest.charModel());
                    SequenceModel.Gradients first = step.gradients(batch(), null);
                    step.gradients(batch(), null);
                    first.finalState();
                }, OVERWRITTEN),
                row("the validation loss of a trainer given no validation batches",
                        () -> new Trainer(BadInputTest.charModel(), Optimizer.adam(0.01)).validationLoss(),
                        "there are no validation batches to compute a loss on; give them first with .validation(batches, every)"));
    }

    static Arguments row(String mistake, Executable call, String message) {
        return Arguments.of(mistake, call, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refused(String mistake, Executable call, String message) {
        IllegalStateException e = assertThrows(IllegalStateException.class, call, mistake);
        assertEquals(message, e.getMessage(), mistake);
    }

    @Test
    @DisplayName("forward again after the update, and backward works; fresh gradients stay valid through training calls")
    void theRightOrderWorks() {
        RnnCell cell = new RnnCell(3, 4, 1);
        Trace old = cell.forward(xs());
        Optimizer.sgd(0.1).step(cell.parameters(), cell.backward(old, null, old.finalState()).parameters());
        Trace trace = cell.forward(xs());
        CellGradients g = cell.backward(trace, null, trace.finalState());
        assertEquals(3, g.inputs().size());

        ManyToManyModel model = BadInputTest.charModel();
        SequenceModel.Gradients fresh = model.gradients(batch(), null);
        Matrix dWhh = fresh.gradients().get("Whh").copy();
        TrainingStep step = new TrainingStep(model);
        SequenceModel.Gradients training = step.gradients(batch(), null);
        assertEquals(dWhh, training.gradients().get("Whh"));   // the same batch, the same gradient
        step.gradients(batch(), null);
        assertEquals(dWhh, fresh.gradients().get("Whh"));      // untouched by the training calls
    }

    @Test
    @DisplayName("one optimizer keeps stepping its own model; the version counts the steps, and a model's count includes its cell's")
    void oneOptimizerPerModel() throws IOException {
        ManyToManyModel model = BadInputTest.charModel();
        Optimizer adam = Optimizer.adam(0.01);
        long v0 = model.parameters().version();
        long cell0 = model.cell().parameters().version();
        for (int k = 0; k < 3; k++) {
            adam.step(model.parameters(), model.gradients(batch(), null).gradients());
        }
        assertTrue(model.parameters().version() > v0);
        assertTrue(model.cell().parameters().version() > cell0);   // a step through the model counts for the cell
        long before = model.parameters().version();
        model.cell().parameters().set("bz", Matrix.zeros(1, 4));
        assertTrue(model.parameters().version() > before);         // and a change to the cell counts for the model
    }
}

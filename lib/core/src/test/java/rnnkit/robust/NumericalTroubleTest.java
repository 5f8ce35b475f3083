package rnnkit.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import rnnkit.cells.CellGradients;
import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.cells.RecurrentCell;
import rnnkit.cells.RnnCell;
import rnnkit.cells.SimpleGruCell;
import rnnkit.cells.Trace;
import rnnkit.data.CharCorpus;
import rnnkit.data.OneHot;
import rnnkit.data.Vocabulary;
import rnnkit.nn.CharSampler;
import rnnkit.nn.SequenceModel;
import rnnkit.nn.SoftmaxCrossEntropy;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToManyModel;
import rnnkit.tensor.Matrix;
import rnnkit.train.DivergenceException;
import rnnkit.train.Optimizer;
import rnnkit.train.ProgressListener;
import rnnkit.train.Trainer;

@DisplayName("Numerical trouble")
class NumericalTroubleTest {

    @Test
    @DisplayName("softmax cross-entropy is finite and exact for logits of ±1000")
    void softmaxAtExtremes() {
        Matrix logits = Matrix.row(1000, -1000, 0);
        // The first class dominates: p = (1, e^-2000, e^-1000) up to rounding.
        Loss.Value right = Loss.softmaxCrossEntropy().evaluate(logits, Matrix.row(1, 0, 0));
        assertEquals(0.0, right.value(), 1e-300);
        Loss.Value wrong = Loss.softmaxCrossEntropy().evaluate(logits, Matrix.row(0, 1, 0));
        assertEquals(2000.0, wrong.value(), 1e-9);   // -log p_2 = 1000 - (-1000)
        assertEquals(-1, wrong.dLogits().firstNonFinite());
    }

    @Test
    @DisplayName("sigmoid cross-entropy is finite and exact for logits of ±1000")
    void sigmoidAtExtremes() {
        Matrix logits = Matrix.row(1000, -1000);
        Loss.Value v = Loss.sigmoidBinaryCrossEntropy().evaluate(logits, Matrix.row(0, 1));
        // Each term is -log σ(-1000) = 1000 (up to e^-1000); the loss reported is their mean or sum.
        assertTrue(v.value() == 1000.0 || v.value() == 2000.0, "loss " + v.value());
        assertEquals(-1, v.dLogits().firstNonFinite());
        assertEquals(0.0, Loss.sigmoidBinaryCrossEntropy().evaluate(logits, Matrix.row(1, 0)).value(), 1e-300);
    }

    @Test
    @DisplayName("a temperature as small as Double.MIN_VALUE is its limit: all the mass on the most probable class, shared on a tie")
    void tinyTemperatureSoftmax() {
        assertEquals(Matrix.row(0, 1, 0), SoftmaxCrossEntropy.softmax(Matrix.row(1, 3, 2), Double.MIN_VALUE));
        assertEquals(Matrix.row(0.5, 0.5, 0), SoftmaxCrossEntropy.softmax(Matrix.row(3, 3, 1), Double.MIN_VALUE));
        assertEquals(Matrix.row(1, 0), SoftmaxCrossEntropy.softmax(Matrix.row(1e-300, 0), Double.MIN_VALUE));
        assertEquals(Matrix.row(0.5, 0.5), SoftmaxCrossEntropy.softmax(Matrix.row(-1000, 1000), Double.MAX_VALUE));
    }

    @Test
    @DisplayName("sampling at temperature Double.MIN_VALUE is greedy decoding, whatever the seed")
    void tinyTemperatureSampling() {
        CharCorpus corpus = new CharCorpus("to be or not to be, that is the question. ");
        Vocabulary vocab = corpus.vocabulary();
        int v = vocab.size();
        ManyToManyModel model = new ManyToManyModel(new GruCell(v, 16, 3), v, Loss.softmaxCrossEntropy(), 4);
        new Trainer(model, Optimizer.adam(0.02)).progress(ProgressListener.NONE).train(60, step -> corpus.chunk(step, 10, 2));
        // Greedy decoding by hand: feed the most probable character back in, 30 times.
        StringBuilder greedy = new StringBuilder();
        SequenceModel.Output o = model.forward(List.of(OneHot.row(vocab.id("t"), v)), null);
        for (int n = 0; n < 30; n++) {
            int id = OneHot.argmax(o.logits().get(0))[0];
            greedy.append(vocab.token(id));
            o = model.forward(List.of(OneHot.row(id, v)), o.trace().finalState());
        }
        assertEquals(greedy.toString(), CharSampler.sample(model, vocab, "t", 30, Double.MIN_VALUE, 1));
        assertEquals(greedy.toString(), CharSampler.sample(model, vocab, "t", 30, Double.MIN_VALUE, 2));
        assertTrue(greedy.chars().distinct().count() > 1, "a trained model's greedy text is not one character: " + greedy);
    }

    @Test
    @DisplayName("every cell saturates cleanly for pre-activations of ±1000 and backpropagates finite gradients")
    void saturatedCells() {
        for (RecurrentCell cell : List.<RecurrentCell>of(new RnnCell(2, 3, 1), new SimpleGruCell(2, 3, 1),
                new GruCell(2, 3, 1), new LstmCell(2, 3, 1))) {
            List<Matrix> xs = List.of(Matrix.row(1000, -1000), Matrix.row(-1000, 1000));
            Trace trace = cell.forward(xs);
            assertEquals(-1, trace.h(2).firstNonFinite(), cell.getClass().getSimpleName());
            CellGradients g = cell.backward(trace, List.of(Matrix.filled(1, 3, 1), Matrix.filled(1, 3, 1)), null);
            g.parameters().forEach((name, m) -> assertEquals(-1, m.firstNonFinite(), cell.getClass().getSimpleName() + " d" + name));
        }
    }

    @Test
    @DisplayName("a sequence of T = 5000 runs forward and backward through every cell without overflow or NaN")
    void longSequences() {
        Random random = new Random(5);
        List<Matrix> xs = new ArrayList<>();
        for (int t = 0; t < 5000; t++) {
            xs.add(Matrix.gaussian(1, 3, 1.0, random));
        }
        for (RecurrentCell cell : List.<RecurrentCell>of(new RnnCell(3, 8, 1), new SimpleGruCell(3, 8, 1),
                new GruCell(3, 8, 1), new LstmCell(3, 8, 1))) {
            Trace trace = cell.forward(xs);
            CellGradients g = cell.backward(trace, null, trace.finalState().copy());
            assertEquals(5000, g.inputs().size());
            g.parameters().forEach((name, m) -> assertEquals(-1, m.firstNonFinite(), cell.getClass().getSimpleName() + " d" + name));
            assertEquals(-1, g.inputs().get(0).firstNonFinite());
        }
    }

    @Test
    @DisplayName("training whose update leaves a NaN weight stops at that step, naming the weight and what to change")
    void divergedWeight() {
        CharCorpus corpus = new CharCorpus("abcabcabcabd abcabcabcabd ".repeat(4));
        int v = corpus.vocabulary().size();
        ManyToManyModel model = new ManyToManyModel(new RnnCell(v, 8, 1), v, Loss.softmaxCrossEntropy(), 2);
        int[] calls = {0};
        // An optimiser that behaves for two steps and then writes a NaN, as an overflowing update would.
        Optimizer breaksOnThirdStep = (params, grads) -> {
            Optimizer.sgd(0.1).step(params, grads);
            if (++calls[0] == 3) {
                params.get("Whh").set(2, 5, Double.NaN);
            }
        };
        Trainer trainer = new Trainer(model, breaksOnThirdStep).progress(ProgressListener.NONE);
        DivergenceException e = assertThrows(DivergenceException.class, () -> trainer.train(10, step -> corpus.chunk(step, 10, 1)));
        assertEquals(3, e.step());
        assertTrue(Double.isNaN(e.value()));
        assertEquals("training diverged at step 3: parameter Whh at (2, 5) after the update is NaN. "
                + "Lower the learning rate, or clip the gradients, e.g. .clipping(Clipping.globalNorm(5)).", e.getMessage());
    }

    @Test
    @DisplayName("a bad batch during training is reported with its step")
    void badBatchNamesTheStep() {
        CharCorpus corpus = new CharCorpus("abcabcabcabd abcabcabcabd ".repeat(4));
        int v = corpus.vocabulary().size();
        ManyToManyModel model = new ManyToManyModel(new GruCell(v, 4, 1), v, Loss.softmaxCrossEntropy(), 2);
        Trainer trainer = new Trainer(model, Optimizer.adam(0.01)).progress(ProgressListener.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.train(10, step -> step < 4 ? corpus.chunk(step, 10, 1) : corpus.chunk(step, 500, 1)));
        assertTrue(e.getMessage().startsWith("training step 5: "), e.getMessage());
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }
}

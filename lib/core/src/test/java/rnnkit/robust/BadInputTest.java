package rnnkit.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.cells.RnnCell;
import rnnkit.cells.State;
import rnnkit.data.CharCorpus;
import rnnkit.data.Vocabulary;
import rnnkit.nn.CharSampler;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToManyModel;
import rnnkit.nn.TrainingStep;
import rnnkit.tensor.Matrix;
import rnnkit.train.Clipping;
import rnnkit.train.Optimizer;
import rnnkit.train.ProgressListener;
import rnnkit.train.Trainer;

/**
 * Every mistake a student is likely to make at a public entry point gets an
 * {@link IllegalArgumentException} whose message names the argument and the bad value or shapes.
 * Each row: what the student did, the call, and words the message must contain.
 */
@DisplayName("Bad input is refused with a message that names the problem")
class BadInputTest {

    static final String TEXT = "the cat sat on the mat. ";

    static List<Matrix> sequence(int steps, int batch, int size) {
        return Collections.nCopies(steps, Matrix.filled(batch, size, 0.1));
    }

    static ManyToManyModel charModel() {
        int v = new CharCorpus(TEXT).vocabulary().size();
        return new ManyToManyModel(new GruCell(v, 4, 1), v, Loss.softmaxCrossEntropy(), 2);
    }

    static Stream<Arguments> cases() {
        RnnCell rnn = new RnnCell(3, 4, 1);
        Vocabulary vocab = new CharCorpus(TEXT).vocabulary();
        return Stream.of(
                row("x has the wrong number of features", () -> rnn.forward(sequence(2, 1, 5)), "(1, 3)", "(1, 5)"),
                row("an empty sequence, T = 0", () -> rnn.forward(List.of()), "T", "0"),
                row("the batch size changes within the sequence",
                        () -> rnn.forward(List.of(Matrix.zeros(2, 3), Matrix.zeros(3, 3))), "(3, 3)", "2"),
                row("the initial state has another batch size",
                        () -> rnn.forward(sequence(2, 2, 3), State.of(Matrix.zeros(1, 4))), "initial", "(1, 4)"),
                row("the initial state has another hidden size",
                        () -> rnn.forward(sequence(2, 1, 3), State.of(Matrix.zeros(1, 5))), "initial", "(1, 5)"),
                row("an LSTM given no cell state",
                        () -> new LstmCell(3, 4, 1).forward(sequence(2, 1, 3), State.of(Matrix.zeros(1, 4))), "c"),
                row("NaN in an input", () -> rnn.forward(List.of(Matrix.zeros(1, 3), Matrix.zeros(1, 3).set(0, 1, Double.NaN))),
                        "NaN", "t=2"),
                row("infinity in an input", () -> rnn.forward(List.of(Matrix.filled(1, 3, Double.POSITIVE_INFINITY))),
                        "Infinity"),
                row("a NaN weight", () -> {
                    RnnCell cell = new RnnCell(3, 4, 1);
                    cell.parameters().get("Whh").set(1, 2, Double.NaN);
                    cell.forward(sequence(2, 1, 3));
                }, "Whh", "NaN", "(1, 2)"),
                row("a negative hidden size", () -> new GruCell(3, -4, 1), "hiddenSize", "-4"),
                row("a zero input size", () -> new LstmCell(0, 4, 1), "inputSize", "0"),
                row("a zero learning rate", () -> Optimizer.sgd(0), "learningRate", "0"),
                row("a negative learning rate", () -> Optimizer.adam(-0.01), "learningRate", "-0.01"),
                row("a NaN learning rate", () -> Optimizer.adagrad(Double.NaN), "learningRate", "NaN"),
                row("a zero clipping norm", () -> Clipping.globalNorm(0), "max", "0"),
                row("a negative clipping value", () -> Clipping.value(-5), "limit", "-5"),
                row("an empty corpus", () -> new CharCorpus(""), "text", "empty"),
                row("a one-character corpus", () -> new CharCorpus("a"), "at least 2 characters", "1"),
                row("encoding a character outside the vocabulary", () -> vocab.encodeChars("cat!"), "'!'", "vocabulary"),
                row("sampling from a prime outside the vocabulary",
                        () -> CharSampler.sample(charModel(), vocab, "Z", 5, 1.0, 1), "'Z'", "vocabulary"),
                row("a zero temperature", () -> CharSampler.sample(charModel(), vocab, "t", 5, 0.0, 1), "temperature", "0"),
                row("a negative temperature", () -> CharSampler.sample(charModel(), vocab, "t", 5, -1, 1), "temperature", "-1"),
                row("a sequence longer than the data",
                        () -> new CharCorpus(TEXT).chunk(0, 100, 1), "too short", "100"));
    }

    static Arguments row(String mistake, Executable call, String... mustMention) {
        return Arguments.of(mistake, call, mustMention);
    }

    // ------------------------------------------------------------ round two (issue 14): exact messages

    static final String SOFTMAX_PROBABILITY = "; a target of softmax cross-entropy is a probability between 0 and 1"
            + " (one-hot: a single 1, zeros elsewhere)";
    static final String SIGMOID_LABEL = "; a target of sigmoid cross-entropy is a label 0 (no) or 1 (yes), or a probability"
            + " between them";
    static final String ZERO_ROW = " sums to 0.0, but a target row of softmax cross-entropy must sum to 1"
            + " (a row of zeros is a target that was never set: put a 1 at the right class)";
    static final String LOGITS_OVERFLOWED = "; logits must be finite numbers. The model's outputs overflowed: in training"
            + " this means it diverged, so lower the learning rate or clip the gradients";

    /** A three-step batch of the char model's corpus whose step-2 target row 0 was never set. */
    static rnnkit.data.Batch unsetTarget() {
        rnnkit.data.Batch b = new CharCorpus(TEXT).chunk(0, 3, 2);
        List<Matrix> targets = new java.util.ArrayList<>(b.targets());
        Matrix step2 = targets.get(1).copy();
        step2.viewRows(0, 1).zeroInPlace();
        targets.set(1, step2);
        return new rnnkit.data.Batch(b.inputs(), targets, false);
    }

    static Stream<Arguments> exactCases() {
        Loss softmax = Loss.softmaxCrossEntropy();
        Loss sigmoid = Loss.sigmoidBinaryCrossEntropy();
        Matrix logits = Matrix.of(new double[][] {{1, 2, 3}, {1, 2, 3}});
        return Stream.of(
                // losses: a target that is not a target, an empty batch, logits that overflowed
                exact("a one-hot target row left all zeros", () -> softmax.evaluate(logits, Matrix.of(new double[][] {{0, 1, 0}, {0, 0, 0}})),
                        "targets row 1:" + ZERO_ROW),
                exact("a target row with two ones", () -> softmax.evaluate(logits, Matrix.of(new double[][] {{0, 1, 1}, {1, 0, 0}})),
                        "targets row 0: sums to 2.0, but a target row of softmax cross-entropy must sum to 1 (one-hot: a single 1, zeros elsewhere)"),
                exact("a class index where a one-hot row belongs", () -> softmax.evaluate(Matrix.row(1, 2, 3), Matrix.row(0, 0, 2)),
                        "targets row 0: holds 2.0 at column 2" + SOFTMAX_PROBABILITY),
                exact("a negative softmax target", () -> softmax.evaluate(Matrix.row(1, 2, 3), Matrix.row(-1, 1, 1)),
                        "targets row 0: holds -1.0 at column 0" + SOFTMAX_PROBABILITY),
                exact("a sigmoid label of 2", () -> sigmoid.evaluate(Matrix.of(new double[][] {{0, 0}, {0, 0}}), Matrix.of(new double[][] {{0, 1}, {1, 2}})),
                        "targets row 1: holds 2.0 at column 1" + SIGMOID_LABEL),
                exact("a sigmoid label of -1 (a ±1 convention)", () -> sigmoid.evaluate(Matrix.row(0, 0), Matrix.row(-1, 1)),
                        "targets row 0: holds -1.0 at column 0" + SIGMOID_LABEL),
                exact("a NaN target", () -> softmax.evaluate(Matrix.row(0, 0), Matrix.row(Double.NaN, 1)),
                        "targets row 0: holds NaN at column 0; a target must be a finite number"),
                exact("an empty batch to the softmax loss", () -> softmax.evaluate(Matrix.zeros(0, 3), Matrix.zeros(0, 3)),
                        "logits have shape (0, 3): an empty batch has no loss (the mean over no rows is NaN); give at least one example and one class"),
                exact("an empty batch to the sigmoid loss", () -> sigmoid.evaluate(Matrix.zeros(0, 1), Matrix.zeros(0, 1)),
                        "logits have shape (0, 1): an empty batch has no loss (the mean over no rows is NaN); give at least one example and one class"),
                exact("logits holding +Infinity", () -> softmax.evaluate(Matrix.of(new double[][] {{0, 1}, {Double.POSITIVE_INFINITY, 0}}), Matrix.of(new double[][] {{0, 1}, {1, 0}})),
                        "logits row 1 holds Infinity at column 0" + LOGITS_OVERFLOWED),
                exact("probabilities of logits holding -Infinity", () -> softmax.probabilities(Matrix.row(0, Double.NEGATIVE_INFINITY)),
                        "logits row 0 holds -Infinity at column 1" + LOGITS_OVERFLOWED),
                exact("sigmoid probabilities of NaN logits", () -> sigmoid.probabilities(Matrix.row(Double.NaN)),
                        "logits row 0 holds NaN at column 0" + LOGITS_OVERFLOWED),
                exact("a target never set, in a model's loss", () -> charModel().loss(unsetTarget(), null),
                        "targets[1] (step t=2) row 0" + ZERO_ROW),
                exact("a target never set, in a training step", () -> new TrainingStep(charModel()).gradients(unsetTarget(), null),
                        "targets[1] (step t=2) row 0" + ZERO_ROW),
                exact("a target never set, under the trainer", () -> new Trainer(charModel(), Optimizer.adam(0.01)).progress(ProgressListener.NONE)
                        .train(3, step -> unsetTarget()), "training step 1: targets[1] (step t=2) row 0" + ZERO_ROW),

                // optimizers: one per model, gradients that belong to the parameters
                exact("one Adam for two models with the same names and shapes", () -> {
                    Optimizer adam = Optimizer.adam(0.01);
                    ManyToManyModel first = charModel();
                    ManyToManyModel second = charModel();
                    adam.step(first.parameters(), first.parameters().zerosLike());
                    adam.step(second.parameters(), second.parameters().zerosLike());
                }, "Adam(lr=0.01, beta1=0.9, beta2=0.999, eps=1.0E-8) already updates the parameters of another model"
                        + " [Wxz, Whz, bz, Wxr, Whr, br, Wxh, Whh, bh, Why, by], and it keeps state for each parameter, which two"
                        + " models would share and mix. Make one optimizer per model, for example a new Optimizer.adam(0.01) for each Trainer"),
                exact("one SGD with momentum for an RNN and then a GRU", () -> {
                    Optimizer sgd = Optimizer.sgd(0.1, 0.9);
                    RnnCell rnn = new RnnCell(3, 4, 1);
                    sgd.step(rnn.parameters(), rnn.parameters().zerosLike());
                    GruCell gru = new GruCell(3, 4, 1);
                    sgd.step(gru.parameters(), gru.parameters().zerosLike());
                }, "SGD(lr=0.1, momentum=0.9) already updates the parameters of another model [Wxh, Whh, bh], and it keeps state"
                        + " for each parameter, which two models would share and mix. Make one optimizer per model, for example a new"
                        + " Optimizer.adam(0.01) for each Trainer"),
                exact("one optimizer for two trainers", () -> {
                    Optimizer adagrad = Optimizer.adagrad(0.1);
                    CharCorpus corpus = new CharCorpus(TEXT);
                    new Trainer(charModel(), adagrad).progress(ProgressListener.NONE).train(1, step -> corpus.chunk(step, 3, 1));
                    new Trainer(charModel(), adagrad).progress(ProgressListener.NONE).train(1, step -> corpus.chunk(step, 3, 1));
                }, "training step 1: Adagrad(lr=0.1) already updates the parameters of another model [Wxz, Whz, bz, Wxr, Whr, br,"
                        + " Wxh, Whh, bh, Why, by], and it keeps state for each parameter, which two models would share and mix."
                        + " Make one optimizer per model, for example a new Optimizer.adam(0.01) for each Trainer"),
                exact("the gradients of a model of another size", () -> Optimizer.adam(0.01).step(new RnnCell(3, 4, 1).parameters(),
                        new RnnCell(5, 4, 1).parameters().zerosLike()),
                        "the gradient of Wxh is (5, 4) but the parameter is (3, 4); pass the gradients of the same model whose parameters are updated"),
                exact("the gradients of another kind of cell", () -> Optimizer.sgd(0.1).step(new GruCell(3, 4, 1).parameters(),
                        new RnnCell(3, 4, 1).parameters().zerosLike()),
                        "the gradients have no tensor 'Wxz' (they hold [Wxh, Whh, bh]); pass the gradients of the same model whose parameters are updated"),
                exact("the parameters passed as their own gradients", () -> {
                    RnnCell cell = new RnnCell(3, 4, 1);
                    Optimizer.sgd(0.1).step(cell.parameters(), cell.parameters());
                }, "step was given the parameters as their own gradients; pass the gradients, for example model.gradients(batch, null).gradients()"),

                // vocabularies
                exact("an empty token from splitting on single spaces", () -> Vocabulary.ofTokens(List.of("the cat  sat".split(" "))),
                        "tokens[2] is the empty string; a token needs at least one character. Splitting text on single spaces gives one"
                        + " wherever two spaces meet or the text starts with a space: split on runs of spaces instead, text.strip().split(\"\\\\s+\")"),
                exact("a null token", () -> Vocabulary.ofTokens(java.util.Arrays.asList("a", null)), "tokens[1] is null; every token must be a string"),
                exact("a token twice", () -> Vocabulary.ofTokens(List.of("a", "b", "a")), "tokens must be distinct; 'a' appears at positions 0 and 2"),

                // matrices and sizes
                exact("Matrix.of with a null row", () -> Matrix.of(new double[][] {{1, 2}, null}),
                        "values: row 1 is null; every row must be an array of numbers, for example new double[] {1, 2}"),
                exact("Matrix.of with a null first row", () -> Matrix.of(new double[][] {null, {1, 2}}),
                        "values: row 0 is null; every row must be an array of numbers, for example new double[] {1, 2}"),
                exact("a matrix whose size overflows an int", () -> Matrix.zeros(100_000, 100_000),
                        tooLarge("a 100000 x 100000 matrix holds 10,000,000,000 numbers, 74.5 GB")),
                exact("a cell with an extra zero in its hidden size", () -> new RnnCell(65, 100_000, 1),
                        tooLarge("a 100000 x 100000 matrix holds 10,000,000,000 numbers, 74.5 GB")),
                exact("a null value for Parameters.set", () -> new RnnCell(3, 4, 1).parameters().set("Whh", null),
                        "Whh: value must not be null"),
                exact("Matrix.row of a null array", () -> Matrix.row((double[]) null), "values must not be null"),
                exact("encoding null text", () -> vocab().encodeChars(null), "text must not be null"),
                exact("loading a model file from a null path", () -> rnnkit.io.ModelFile.load(null), "path must not be null"),
                exact("a null step in a batch", () -> rnnkit.data.Batch.of(java.util.Arrays.asList(Matrix.zeros(1, 3), null),
                        List.of(Matrix.zeros(1, 3), Matrix.zeros(1, 3))), "inputs[1] (step t=2) is null; every entry must be a matrix"),

                // the trainer: a batch source that returns null, validation batches that do not fit
                exact("a batch source that returns null", () -> {
                    CharCorpus corpus = new CharCorpus(TEXT);
                    new Trainer(charModel(), Optimizer.adam(0.01)).progress(ProgressListener.NONE)
                            .train(5, step -> step < 2 ? corpus.chunk(step, 3, 1) : null);
                }, "training step 3: the batch source returned null for batch(2); it must return a Batch for every step it is asked for"),
                exact("a validation batch of another vocabulary", () -> new Trainer(charModel(), Optimizer.adam(0.01))
                        .validation(List.of(new CharCorpus(TEXT).chunk(0, 3, 1), new CharCorpus("abcabc").chunk(0, 2, 1)), 5),
                        "validation batch 1 does not fit the model: targets[0]: expected shape (1, 11), got (1, 3)"),
                exact("a validation batch with too few targets", () -> {
                    rnnkit.data.Batch b = new CharCorpus(TEXT).chunk(0, 3, 1);
                    new Trainer(charModel(), Optimizer.adam(0.01)).validation(List.of(rnnkit.data.Batch.of(b.inputs(), b.targets().get(2))), 5);
                }, "validation batch 0 does not fit the model: targets: expected 3 target matrices for T = 3 steps, got 1"),
                exact("a validation batch whose inputs are too narrow", () -> {
                    rnnkit.data.Batch b = new CharCorpus(TEXT).chunk(0, 2, 1);
                    new Trainer(charModel(), Optimizer.adam(0.01)).validation(List.of(rnnkit.data.Batch.of(
                            List.of(Matrix.zeros(1, 11), Matrix.zeros(1, 10)), b.targets())), 5);
                }, "validation batch 0 does not fit the model: inputs[1] (step t=2): expected shape (1, 11), got (1, 10)"),
                exact("a validation target never set", () -> {
                    CharCorpus corpus = new CharCorpus(TEXT);
                    new Trainer(charModel(), Optimizer.adam(0.01)).progress(ProgressListener.NONE).validation(List.of(unsetTarget()), 2)
                            .train(4, step -> corpus.chunk(step, 3, 2));
                }, "training step 2, validation batch 0: targets[1] (step t=2) row 0" + ZERO_ROW),
                exact("a null validation batch", () -> new Trainer(charModel(), Optimizer.adam(0.01))
                        .validation(java.util.Arrays.asList(new CharCorpus(TEXT).chunk(0, 3, 1), null), 5), "validation batch 1 is null"));
    }

    /**
     * Matrices that an int counts but the heap cannot hold, each only where the heap is smaller than
     * it: one of 48 GB, and the 9.7 GB stack of states of a whole text run as one sequence.
     */
    static Stream<Arguments> beyondTheHeap() {
        long heap = Runtime.getRuntime().maxMemory();
        Stream<Arguments> huge = heap >= 8L * 2_000_000_000 + 16L * 2_000_000_000 ? Stream.empty()
                : Stream.of(exact("a matrix larger than the heap", () -> Matrix.zeros(2_000_000_000, 1),
                        tooLarge("a 2000000000 x 1 matrix holds 2,000,000,000 numbers, 44.7 GB")));
        Stream<Arguments> longText = heap >= 8L * 10_000_001 * 128 + 16L * 10_000_001 ? Stream.empty()
                : Stream.of(exact("a text of ten million characters as one sequence",
                        () -> new RnnCell(3, 128, 1).forward(Collections.nCopies(10_000_000, Matrix.zeros(1, 3))),
                        tooLarge("a 10000001 x 128 matrix holds 1,280,000,128 numbers, 9.7 GB")));
        return Stream.concat(huge, longText);
    }

    static Vocabulary vocab() {
        return new CharCorpus(TEXT).vocabulary();
    }

    /** The message of a matrix too large for the heap, for a description of its size. */
    static String tooLarge(String size) {
        return size + ", but the Java heap holds at most " + gigabytes(Runtime.getRuntime().maxMemory()) + " (Runtime.maxMemory())."
                + " Use smaller sizes (check the hidden size, the batch and the sequence length for an extra zero); for a long"
                + " text, train on chunks with truncated BPTT (Chunks, CharCorpus.chunk) instead of one sequence.";
    }

    /** The heap as the message gives it: in the largest unit of 1024 that keeps it at least 1, one decimal. */
    static String gigabytes(long bytes) {
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes / 1024.0;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static Arguments exact(String mistake, Executable call, String message) {
        return Arguments.of(mistake, call, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"exactCases", "beyondTheHeap"})
    void refusedWithExactly(String mistake, Executable call, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, mistake);
        assertEquals(message, e.getMessage(), mistake);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refused(String mistake, Executable call, String[] mustMention) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, mistake);
        for (String words : mustMention) {
            assertTrue(e.getMessage().contains(words), () -> mistake + ": the message should mention \"" + words
                    + "\" but is: " + e.getMessage());
        }
    }
}

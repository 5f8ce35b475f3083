package rnnkit.robust;

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
import rnnkit.tensor.Matrix;
import rnnkit.train.Clipping;
import rnnkit.train.Optimizer;

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

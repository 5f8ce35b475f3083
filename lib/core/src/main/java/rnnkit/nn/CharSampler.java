package rnnkit.nn;

import java.util.List;
import java.util.Random;

import rnnkit.cells.State;
import rnnkit.data.OneHot;
import rnnkit.data.Vocabulary;
import rnnkit.tensor.Matrix;

/**
 * Text from a character language model: read a prime, then repeatedly draw the next character
 * from softmax(logits / temperature) and feed it back in.
 *
 * <p>Temperature 1 samples the model's own distribution; below 1 it sharpens it towards the most
 * likely character, above 1 it flattens it; a temperature as small as {@link Double#MIN_VALUE} gives
 * the limit, the most likely character every time (greedy decoding). The draw uses {@code new Random(seed)}: the same model,
 * prime, temperature and seed give the same text.
 */
public final class CharSampler {

    private CharSampler() {
    }

    /** {@code length} characters that follow {@code prime} (the prime itself is not included). */
    public static String sample(ManyToManyModel model, Vocabulary vocabulary, String prime, int length, double temperature,
            long seed) {
        if (model.inputSize() != vocabulary.size() || model.outputSize() != vocabulary.size()) {
            throw new IllegalArgumentException("the model must read and predict the " + vocabulary.size()
                    + " tokens of the vocabulary, but reads " + model.inputSize() + " and predicts " + model.outputSize());
        }
        if (prime == null || prime.isEmpty()) {
            throw new IllegalArgumentException("prime must be a non-empty string");
        }
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
        }
        Random random = new Random(seed);
        int v = vocabulary.size();
        int[] ids = vocabulary.encodeChars(prime);
        State state = null;
        Matrix logits = null;
        for (int id : ids) {
            SequenceModel.Output o = model.forward(List.of(OneHot.row(id, v)), state);
            state = o.trace().finalState();
            logits = o.logits().get(0);
        }
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < length; n++) {
            Matrix p = SoftmaxCrossEntropy.softmax(logits, temperature);
            int id = draw(p, random);
            out.append(vocabulary.token(id));
            SequenceModel.Output o = model.forward(List.of(OneHot.row(id, v)), state);
            state = o.trace().finalState();
            logits = o.logits().get(0);
        }
        return out.toString();
    }

    /**
     * An index drawn from the distribution in row 0 of p. When rounding leaves the sum of p just
     * below the uniform draw, the last index of non-zero probability is returned, never one the
     * distribution rules out.
     */
    static int draw(Matrix p, Random random) {
        double u = random.nextDouble();
        double cumulative = 0.0;
        int lastPossible = 0;
        for (int k = 0; k < p.cols(); k++) {
            double pk = p.get(0, k);
            cumulative += pk;
            if (u < cumulative) {
                return k;
            }
            if (pk > 0.0) {
                lastPossible = k;
            }
        }
        return lastPossible;
    }
}

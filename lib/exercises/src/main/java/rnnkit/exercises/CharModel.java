package rnnkit.exercises;

import java.util.List;
import java.util.Random;

import rnnkit.tensor.Matrix;

/**
 * Exercise 8, the capstone: a character-level language model of names, written from scratch: the
 * model, its training loop (forward, loss, backward, clipping, update) and its sampler. Symbols are
 * {@link NameCorpus#ALPHABET}: a to z, then the end token '.'; a name is read from its first letter
 * and ends with '.'.
 */
public interface CharModel {

    /**
     * Trains the model from its initial weights on the names for the given number of steps, and returns
     * the training loss of each step (mean cross-entropy per predicted symbol, in nats).
     */
    List<Double> train(List<String> names, int steps, long seed);

    /**
     * The model's distribution of the next symbol after the start of a name, {@code prefix} ("" at the
     * very start): a (1, 27) row of probabilities in the order of {@link NameCorpus#ALPHABET}.
     */
    Matrix next(String prefix);

    /** One name drawn symbol by symbol using only {@code random}, without the end token; at most maxLength letters. */
    String sample(Random random, int maxLength);
}

package rnnkit.nn;

import java.util.Random;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * A learned vector per token: row v of E is the embedding of token v. On one-hot rows x it is
 * the product e = x E, which is how it is computed here (Matrix skips the zeros), so the same layer
 * also accepts any soft mixture of tokens.
 *
 * <pre>
 *   x (B, V) one-hot    E (V, D)    e (B, D)
 * </pre>
 *
 * The parameter is called {@code E}.
 */
public final class Embedding {

    private final Matrix e;
    private final Parameters params = new Parameters();

    /** E drawn from N(0, 1/D) by {@code random}, so an embedding has about unit length. */
    public Embedding(int vocabularySize, int dimension, Random random) {
        if (vocabularySize < 1) {
            throw new IllegalArgumentException("vocabularySize must be >= 1, got " + vocabularySize);
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        e = params.add("E", Matrix.gaussian(vocabularySize, dimension, 1.0 / Math.sqrt(dimension), random));
    }

    public Parameters parameters() {
        return params;
    }

    public int vocabularySize() {
        return e.rows();
    }

    public int dimension() {
        return e.cols();
    }

    /** e = x E for one-hot (or soft) rows x, (B, D). */
    public Matrix forward(Matrix x) {
        if (x.cols() != e.rows()) {
            throw new IllegalArgumentException("x: expected shape (B, " + e.rows() + ") (one-hot over the vocabulary), got "
                    + x.shape());
        }
        return x.matmul(e);
    }

    /** Adds dE = x^T de to {@code grads} and returns dx = de E^T. */
    public Matrix backward(Matrix x, Matrix de, Parameters grads) {
        grads.get("E").addInPlace(x.matmulTransA(de));
        return de.matmulTransB(e);
    }
}

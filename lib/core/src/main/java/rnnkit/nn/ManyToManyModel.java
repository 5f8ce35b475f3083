package rnnkit.nn;

import rnnkit.cells.RecurrentCell;
import rnnkit.data.Batch;

/**
 * A prediction at every step: a character-level language model (the next character at each
 * step, softmax cross-entropy) or a per-word tagger (is this word a name? sigmoid cross-entropy).
 * The loss of a batch is the mean over the T steps. See {@link SequenceModel}.
 *
 * <pre>{@code
 * var lm = new ManyToManyModel(new LstmCell(vocab.size(), 64, 1), vocab.size(), Loss.softmaxCrossEntropy(), 2);
 * var tagger = ManyToManyModel.withEmbedding(10_000, new RnnCell(50, 100, 1), 1, Loss.sigmoidBinaryCrossEntropy(), 2);
 * }</pre>
 */
public final class ManyToManyModel extends SequenceModel {

    /** Inputs go straight into the cell (one-hot or dense rows of width cell.inputSize()); Why, by drawn from {@code seed}. */
    public ManyToManyModel(RecurrentCell cell, int outputSize, Loss loss, long seed) {
        super(null, cell, outputSize, loss, seed);
    }

    private ManyToManyModel(int vocabularySize, RecurrentCell cell, int outputSize, Loss loss, long seed) {
        super(vocabularySize, cell, outputSize, loss, seed);
    }

    /** Inputs are one-hot rows over a vocabulary of V tokens, embedded by E (V x cell.inputSize()) first. */
    public static ManyToManyModel withEmbedding(int vocabularySize, RecurrentCell cell, int outputSize, Loss loss, long seed) {
        return new ManyToManyModel(vocabularySize, cell, outputSize, loss, seed);
    }

    @Override
    boolean predictsAt(int t, int steps) {
        return true;
    }

    @Override
    void checkTargets(Batch batch) {
        requireTargets(batch, batch.steps());
    }
}

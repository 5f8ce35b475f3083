package rnnkit.nn;

import rnnkit.cells.RecurrentCell;
import rnnkit.data.Batch;

/**
 * One prediction, after the last step: reading a whole sentence and then choosing, say, the
 * pronoun that agrees with a name far back. Batches carry a single target. See {@link SequenceModel}.
 */
public final class ManyToOneModel extends SequenceModel {

    /** Inputs go straight into the cell; Why, by drawn from {@code seed}. */
    public ManyToOneModel(RecurrentCell cell, int outputSize, Loss loss, long seed) {
        super(null, cell, outputSize, loss, seed);
    }

    private ManyToOneModel(int vocabularySize, RecurrentCell cell, int outputSize, Loss loss, long seed) {
        super(vocabularySize, cell, outputSize, loss, seed);
    }

    /** Inputs are one-hot rows over V tokens, embedded by E (V x cell.inputSize()) first. */
    public static ManyToOneModel withEmbedding(int vocabularySize, RecurrentCell cell, int outputSize, Loss loss, long seed) {
        return new ManyToOneModel(vocabularySize, cell, outputSize, loss, seed);
    }

    @Override
    boolean predictsAt(int t, int steps) {
        return t == steps;
    }

    @Override
    void checkTargets(Batch batch) {
        requireTargets(batch, 1);
    }
}

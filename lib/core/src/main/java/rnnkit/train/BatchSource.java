package rnnkit.train;

import java.util.List;

import rnnkit.data.Batch;

/** The batch to train on at each step (0, 1, 2, ...): for example {@code step -> corpus.chunk(step, 25, 1)}. */
@FunctionalInterface
public interface BatchSource {

    Batch batch(int step);

    /** The batches of a list, in order, over and over. */
    static BatchSource cycle(List<Batch> batches) {
        if (batches == null || batches.isEmpty()) {
            throw new IllegalArgumentException("batches must not be empty");
        }
        List<Batch> copy = List.copyOf(batches);
        return step -> copy.get(step % copy.size());
    }
}

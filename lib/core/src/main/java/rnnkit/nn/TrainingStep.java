package rnnkit.nn;

import rnnkit.cells.State;
import rnnkit.cells.Trace;
import rnnkit.data.Batch;

/**
 * The gradients of a training loop's batches, computed in matrices kept from one call to the
 * next: the cell's trace and the output layer's buffers of the previous batch are overwritten when
 * the next batch has the same shape, so a loop of calls allocates nothing per step.
 * {@link rnnkit.train.Trainer} and the benchmark each own one; the model itself keeps nothing, so
 * it can be shared, and {@link SequenceModel#gradients(Batch, State)} stays its one way to compute
 * gradients.
 *
 * <pre>{@code
 * TrainingStep step = new TrainingStep(model);
 * for (Batch batch : batches) {
 *     SequenceModel.Gradients g = step.gradients(batch, carried);   // valid until the next call
 *     carried = g.finalState();
 *     optimizer.step(model.parameters(), g.gradients());
 * }
 * }</pre>
 */
public final class TrainingStep {

    private final SequenceModel model;
    /** The last call's trace and output buffers, overwritten by the next call of the same shape. */
    Trace trace;
    SequenceModel.OutputBuffers buffers;
    /** How many times {@link #gradients} has run: a result knows its call, and is refused once overwritten. */
    long calls;

    public TrainingStep(SequenceModel model) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        this.model = model;
    }

    public SequenceModel model() {
        return model;
    }

    /**
     * The loss and gradients of {@link SequenceModel#gradients(Batch, State)}, bit for bit, in this
     * step's kept matrices. The result is therefore valid only until the next call (copy the final
     * state to keep it; reading a result's matrices after the next call throws
     * {@link IllegalStateException}), and its input gradients are null unless the model has an embedding
     * (one-hot inputs are data, not parameters, so they need none).
     */
    public SequenceModel.Gradients gradients(Batch batch, State initial) {
        return model.gradients(batch, initial, this);
    }
}

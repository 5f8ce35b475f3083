package rnnkit.train;

import java.util.List;

import rnnkit.cells.State;
import rnnkit.params.Parameters;
import rnnkit.data.Batch;
import rnnkit.nn.SequenceModel;
import rnnkit.nn.TrainingStep;
import rnnkit.tensor.Matrix;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The training loop: for each step, forward and backward on a batch, clip, update, record.
 *
 * <pre>{@code
 * Table history = new Trainer(model, Optimizer.adagrad(0.1))
 *         .clipping(Clipping.value(5))
 *         .validation(List.of(valBatch), 50)
 *         .train(1000, step -> corpus.chunk(step, 25, 1));
 * Plots.lossCurves(history);   // the loss curve, in one call (rnnkit.plot)
 * }</pre>
 *
 * <p>The history has one row per step with the columns {@code step} (1, 2, ...), {@code loss}
 * (the batch's loss before the update), {@code grad_norm} (the global gradient norm before
 * clipping), {@code seconds} (since training began) and, when validation batches are given,
 * {@code val_loss} (their mean loss after the step, every {@code every} steps and at the last step;
 * missing elsewhere).
 *
 * <p>Truncated BPTT: a batch that {@link Batch#continuesPrevious() continues} the previous one
 * starts from that batch's final state; the state is carried, the gradient stops at the boundary.
 * A loss, gradient or parameter that becomes NaN or infinite stops training with a
 * {@link DivergenceException} naming the step and the tensor.
 * Everything random comes from the model's and the data's seeds, so a run is repeatable bit for
 * bit (except the {@code seconds} column).
 */
public final class Trainer {

    private final SequenceModel model;
    private final TrainingStep trainingStep;
    private final Optimizer optimizer;
    private Clipping clipping = Clipping.none();
    private List<Batch> validation = List.of();
    private int validateEvery = 1;
    private ProgressListener progress = ProgressListener.auto();

    public Trainer(SequenceModel model, Optimizer optimizer) {
        if (model == null || optimizer == null) {
            throw new IllegalArgumentException("model and optimizer must not be null");
        }
        this.model = model;
        this.trainingStep = new TrainingStep(model);
        this.optimizer = optimizer;
    }

    /** The clipping applied to the gradients before each update (none by default). */
    public Trainer clipping(Clipping value) {
        if (value == null) {
            throw new IllegalArgumentException("clipping must not be null; use Clipping.none()");
        }
        this.clipping = value;
        return this;
    }

    /**
     * Batches whose mean loss is recorded as val_loss every {@code every} steps and at the last step.
     * Each is checked against the model here, so one that does not fit is refused now, not several
     * updates into training.
     */
    public Trainer validation(List<Batch> batches, int every) {
        if (batches == null || batches.isEmpty()) {
            throw new IllegalArgumentException("validation batches must not be empty");
        }
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, got " + every);
        }
        for (int k = 0; k < batches.size(); k++) {
            if (batches.get(k) == null) {
                throw new IllegalArgumentException("validation batch " + k + " is null");
            }
            try {
                model.requireFits(batches.get(k));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("validation batch " + k + " does not fit the model: " + e.getMessage(), e);
            }
        }
        this.validation = List.copyOf(batches);
        this.validateEvery = every;
        return this;
    }

    /** Where progress goes ({@link ProgressListener#auto()} by default). */
    public Trainer progress(ProgressListener listener) {
        this.progress = listener == null ? ProgressListener.NONE : listener;
        return this;
    }

    /** Trains for {@code steps} steps on {@code source.batch(0)}, {@code source.batch(1)}, ... and returns the history. */
    public Table train(int steps, BatchSource source) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
        IntColumn stepColumn = IntColumn.create("step");
        DoubleColumn lossColumn = DoubleColumn.create("loss");
        DoubleColumn normColumn = DoubleColumn.create("grad_norm");
        DoubleColumn secondsColumn = DoubleColumn.create("seconds");
        DoubleColumn valColumn = DoubleColumn.create("val_loss");
        long start = System.nanoTime();
        State carried = null;
        double loss = Double.NaN;
        double seconds = 0.0;
        for (int step = 1; step <= steps; step++) {
            SequenceModel.Gradients g;
            try {
                Batch batch = source.batch(step - 1);
                if (batch == null) {
                    throw new IllegalArgumentException("the batch source returned null for batch(" + (step - 1) + ");"
                            + " it must return a Batch for every step it is asked for");
                }
                State initial = batch.continuesPrevious() && carried != null && carried.h().rows() == batch.batchSize() ? carried : null;
                g = trainingStep.gradients(batch, initial);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("training step " + step + ": " + e.getMessage(), e);
            }
            // A view of the last pass's matrices: safe to carry, because the next pass copies its
            // initial state in before any step overwrites them.
            carried = g.finalState();
            loss = g.loss();
            requireFinite(step, loss, g.gradients());
            double norm = g.gradients().globalNorm();
            clipping.apply(g.gradients());
            try {
                optimizer.step(model.parameters(), g.gradients());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("training step " + step + ": " + e.getMessage(), e);
            }
            requireFinite(step, model.parameters());
            seconds = (System.nanoTime() - start) / 1e9;
            stepColumn.append(step);
            lossColumn.append(loss);
            normColumn.append(norm);
            secondsColumn.append(seconds);
            if (!validation.isEmpty()) {
                if (step % validateEvery == 0 || step == steps) {
                    valColumn.append(validationLoss(step));
                } else {
                    valColumn.appendMissing();
                }
            }
            progress.step(step, steps, loss, seconds);
        }
        progress.finished(steps, loss, seconds);
        Table table = Table.create("training history", stepColumn, lossColumn, normColumn, secondsColumn);
        if (!validation.isEmpty()) {
            table.addColumns(valColumn);
        }
        return table;
    }

    /** Stops training when the loss or a gradient is NaN or infinite, naming the first one found. */
    private static void requireFinite(int step, double loss, Parameters gradients) {
        if (!Double.isFinite(loss)) {
            throw new DivergenceException(step, "the loss", loss, "");
        }
        for (String name : gradients.names()) {
            Matrix g = gradients.get(name);
            int k = g.firstNonFinite();
            if (k >= 0) {
                throw new DivergenceException(step, "the gradient of " + name + " at " + g.entry(k), g.getFlat(k),
                        " (the loss was " + loss + ")");
            }
        }
    }

    /** Stops training when the update left a parameter NaN or infinite. */
    private static void requireFinite(int step, Parameters parameters) {
        for (String name : parameters.names()) {
            Matrix p = parameters.get(name);
            int k = p.firstNonFinite();
            if (k >= 0) {
                throw new DivergenceException(step, "parameter " + name + " at " + p.entry(k) + " after the update",
                        p.getFlat(k), "");
            }
        }
    }

    /** The mean loss over the validation batches, each from a zero state. */
    public double validationLoss() {
        return validationLoss(0);
    }

    /** {@link #validationLoss()}; an error names the validation batch and, after step 0, the training step. */
    private double validationLoss(int step) {
        if (validation.isEmpty()) {
            throw new IllegalStateException("there are no validation batches to compute a loss on;"
                    + " give them first with .validation(batches, every)");
        }
        double total = 0.0;
        for (int k = 0; k < validation.size(); k++) {
            try {
                total += model.loss(validation.get(k), null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException((step > 0 ? "training step " + step + ", " : "") + "validation batch " + k
                        + ": " + e.getMessage(), e);
            }
        }
        return total / validation.size();
    }
}

package rnnkit.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import rnnkit.cells.CellGradients;
import rnnkit.cells.RecurrentCell;
import rnnkit.cells.State;
import rnnkit.cells.Trace;
import rnnkit.data.Batch;
import rnnkit.params.Objective;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * A recurrent model: optional embedding, a recurrent cell, a linear output layer and a loss.
 *
 * <pre>
 *   x_t (B, V or X) --[E (V, D), optional]--> e_t --cell--> h_t (B, H) --[Why (H, K), by (1, K)]--> logits (B, K)
 * </pre>
 *
 * <p>Parameters, by name: {@code E} (with an embedding), the cell's own ({@code Wxh, Whh, ...}),
 * {@code Why} and {@code by}. {@link ManyToManyModel} predicts at every step;
 * {@link ManyToOneModel} once, after the last step.
 */
public abstract sealed class SequenceModel permits ManyToManyModel, ManyToOneModel {

    /**
     * The outcome of a forward and backward pass.
     *
     * @param loss the loss of the batch
     * @param gradients dLoss/dW for every parameter, by name
     * @param inputGradients dLoss/dx_t for every step
     * @param initialStateGradient dLoss/d(initial state)
     * @param finalState the state after the last step (carry it for truncated BPTT)
     * @param source which {@link TrainingStep} call made these, or null for fresh matrices
     *     that nothing overwrites: the matrices of a training call are refused once the next call
     *     has overwritten them
     */
    public record Gradients(double loss, Parameters gradients, List<Matrix> inputGradients, State initialStateGradient,
            State finalState, TrainingCall source) {

        /** Gradients in fresh matrices, valid for as long as they are kept. */
        public Gradients(double loss, Parameters gradients, List<Matrix> inputGradients, State initialStateGradient,
                State finalState) {
            this(loss, gradients, inputGradients, initialStateGradient, finalState, null);
        }

        @Override
        public Parameters gradients() {
            requireCurrent();
            return gradients;
        }

        @Override
        public List<Matrix> inputGradients() {
            requireCurrent();
            return inputGradients;
        }

        @Override
        public State initialStateGradient() {
            requireCurrent();
            return initialStateGradient;
        }

        @Override
        public State finalState() {
            requireCurrent();
            return finalState;
        }

        private void requireCurrent() {
            if (source != null && !source.current()) {
                throw new IllegalStateException("this result came from call " + source.number + " of its TrainingStep, and call "
                        + source.step.calls + " has overwritten its matrices since (a TrainingStep reuses them so a training"
                        + " step allocates nothing). Use a result before the next call, keep a copy (g.gradients().copy(),"
                        + " g.finalState().copy()), or call model.gradients(batch, state), which returns fresh matrices");
            }
        }
    }

    /** The number of a {@link TrainingStep}'s call, to tell whether a later call has overwritten its result. */
    public static final class TrainingCall {
        private final TrainingStep step;
        private final long number;

        TrainingCall(TrainingStep step, long number) {
            this.step = step;
            this.number = number;
        }

        /** Whether this is still the step's latest call, so its matrices hold its own values. */
        public boolean current() {
            return step.calls == number;
        }

        @Override
        public String toString() {
            return "TrainingStep call " + number + (current() ? "" : " (overwritten by call " + step.calls + ")");
        }
    }

    /**
     * A forward pass.
     *
     * @param trace the cell's trace (states and gates)
     * @param logits the output logits: one per step (many-to-many) or one (many-to-one)
     */
    public record Output(Trace trace, List<Matrix> logits) {
    }

    private final Embedding embedding;
    private final RecurrentCell cell;
    private final Linear out;
    private final Loss loss;
    private final Parameters params = new Parameters();

    SequenceModel(Integer vocabularySize, RecurrentCell cell, int outputSize, Loss loss, long seed) {
        if (cell == null) {
            throw new IllegalArgumentException("cell must not be null");
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        Random random = new Random(seed);
        this.embedding = vocabularySize == null ? null : new Embedding(vocabularySize, cell.inputSize(), random);
        this.cell = cell;
        this.out = new Linear("Why", "by", cell.hiddenSize(), outputSize, random);
        this.loss = loss;
        if (embedding != null) {
            params.addAll("", embedding.parameters());
        }
        params.addAll("", cell.parameters());
        params.addAll("", out.parameters());
    }

    /** Every parameter by name, live. */
    public Parameters parameters() {
        return params;
    }

    public int parameterCount() {
        return params.count();
    }

    public RecurrentCell cell() {
        return cell;
    }

    public Loss loss() {
        return loss;
    }

    /** The width of each input x_t: V with an embedding, else the cell's input size. */
    public int inputSize() {
        return embedding == null ? cell.inputSize() : embedding.vocabularySize();
    }

    /** K, the number of outputs. */
    public int outputSize() {
        return out.outputSize();
    }

    /** Whether logits are produced after step t (1..T) of T. */
    abstract boolean predictsAt(int t, int steps);

    /** Checks that there is one target per predicting step. */
    abstract void checkTargets(Batch batch);

    /** Runs the model from {@code initial} (null: zeros). */
    public Output forward(List<Matrix> inputs, State initial) {
        List<Matrix> es = embed(inputs);
        Trace trace = cell.forward(es, initial);
        List<Matrix> logits = new ArrayList<>();
        for (int t = 1; t <= trace.steps(); t++) {
            if (predictsAt(t, trace.steps())) {
                logits.add(out.forward(trace.h(t)));
            }
        }
        return new Output(trace, logits);
    }

    /** The loss of a batch from {@code initial} (null: zeros): the mean over predicting steps of the step losses. */
    public double loss(Batch batch, State initial) {
        checkTargets(batch);
        Trace trace = cell.forward(embed(batch.inputs()), initial);
        try {
            return loss.evaluate(out.forward(predictingStates(trace)), Matrix.stackRows(batch.targets())).value();
        } catch (BadTarget e) {
            throw badTarget(e, batch);
        }
    }

    /** A loss's complaint about row r of the stacked targets, told as the target matrix, its step and its row. */
    private IllegalArgumentException badTarget(BadTarget e, Batch batch) {
        int k = e.row / batch.batchSize();
        int step = 0;
        for (int t = 1, seen = -1; t <= batch.steps() && seen < k; t++) {
            if (predictsAt(t, batch.steps())) {
                seen++;
                step = t;
            }
        }
        return new IllegalArgumentException("targets[" + k + "] (step t=" + step + ") row " + e.row % batch.batchSize() + " "
                + e.problem, e);
    }

    /**
     * The states the output layer reads, h_t for every predicting step t, one below the other: (P B) x H.
     * The mean of the step losses is then the mean over all P B rows, and one product each gives
     * the logits, dWhy and dL/dh of every step.
     */
    private Matrix predictingStates(Trace trace) {
        int steps = trace.steps();
        if (predictsAt(1, steps) && predictsAt(steps, steps)) {
            return trace.stackedHs();   // many-to-many: every step, already stacked
        }
        List<Matrix> hs = new ArrayList<>();
        for (int t = 1; t <= steps; t++) {
            if (predictsAt(t, steps)) {
                hs.add(trace.h(t));
            }
        }
        return Matrix.stackRows(hs);
    }

    /**
     * The loss and every gradient of a batch, from {@code initial} (null: zeros), in new matrices.
     * Changes nothing. A training loop that wants the same numbers without allocating per step
     * uses a {@link TrainingStep}.
     */
    public Gradients gradients(Batch batch, State initial) {
        return gradients(batch, initial, null);
    }

    /**
     * The output side's matrices of one pass: a {@link TrainingStep} keeps them for the next pass
     * of the same shape, {@link #gradients(Batch, State)} makes new ones every time.
     */
    final class OutputBuffers {
        final int steps;
        final int batch;
        final Matrix logits;                 // (P B, K)
        final Matrix dLogits;                // (P B, K)
        final Matrix targets;                // (P B, K), the batch's targets stacked
        final List<Matrix> targetBlocks;     // views of targets, one per predicting step
        final Matrix dHs;                    // (P B, H)
        final List<Matrix> dhs;              // views of dHs at the predicting steps, null elsewhere
        final Parameters grads = params.zerosLike();

        OutputBuffers(int steps, int batch, int predictions) {
            this.steps = steps;
            this.batch = batch;
            int rows = predictions * batch;
            logits = Matrix.zeros(rows, outputSize());
            dLogits = Matrix.zeros(rows, outputSize());
            targets = Matrix.zeros(rows, outputSize());
            dHs = Matrix.zeros(rows, cell.hiddenSize());
            targetBlocks = new ArrayList<>(predictions);
            dhs = new ArrayList<>(steps);
            int k = 0;
            for (int t = 1; t <= steps; t++) {
                if (predictsAt(t, steps)) {
                    targetBlocks.add(targets.viewRows(k * batch, (k + 1) * batch));
                    dhs.add(dHs.viewRows(k * batch, (k + 1) * batch));
                    k++;
                } else {
                    dhs.add(null);
                }
            }
        }
    }

    /** The loss and gradients of a batch, in the matrices {@code kept} keeps (overwritten), or in new ones when it is null. */
    Gradients gradients(Batch batch, State initial, TrainingStep kept) {
        if (kept != null && kept.model() != this) {
            throw new IllegalArgumentException("the training step belongs to another model");
        }
        checkTargets(batch);
        List<Matrix> es = embed(batch.inputs());
        boolean reuse = kept != null;
        TrainingCall call = reuse ? new TrainingCall(kept, ++kept.calls) : null;   // before anything is overwritten
        Trace trace = reuse ? cell.forward(es, initial, kept.trace) : cell.forward(es, initial);
        int steps = trace.steps();
        Matrix hs = predictingStates(trace);                                  // (P B, H)
        OutputBuffers tb = reuse ? kept.buffers : null;
        if (tb == null || tb.steps != steps || tb.batch != batch.batchSize()) {
            tb = new OutputBuffers(steps, batch.batchSize(), batch.targets().size());
        }
        if (reuse) {
            kept.trace = trace;
            kept.buffers = tb;
        }
        for (int k = 0; k < tb.targetBlocks.size(); k++) {
            tb.targetBlocks.get(k).copyFromInPlace(batch.targets().get(k));
        }
        Parameters grads = tb.grads;
        grads.forEach((name, g) -> g.zeroInPlace());
        double value;
        try {
            value = loss.evaluateInto(out.forwardInto(hs, tb.logits), tb.targets, tb.dLogits);
        } catch (BadTarget e) {
            throw badTarget(e, batch);
        }
        out.backwardInto(hs, tb.dLogits, grads, tb.dHs);
        boolean inputGradients = !reuse || embedding != null;
        CellGradients g = cell.backward(trace, tb.dhs, null, inputGradients);
        g.parameters().forEach((name, m) -> grads.get(name).addInPlace(m));
        List<Matrix> dxs = null;
        if (inputGradients) {
            dxs = new ArrayList<>();
            for (int t = 0; t < steps; t++) {
                Matrix de = g.inputs().get(t);
                dxs.add(embedding == null ? de : embedding.backward(batch.inputs().get(t), de, grads));
            }
        }
        return new Gradients(value, grads, dxs, g.initialState(), trace.finalState(), call);
    }

    /**
     * The batch's loss as an {@link Objective} for {@link rnnkit.gradcheck.GradientCheck}: the tensors are
     * every parameter, every input {@code x[t]} and the initial state ({@code h0}, {@code c0}); the
     * inputs and the state are copies, the parameters are this model's own.
     */
    public Objective objective(Batch batch, State initial) {
        checkTargets(batch);
        List<Matrix> xs = new ArrayList<>();
        for (Matrix x : batch.inputs()) {
            xs.add(x.copy());
        }
        Batch own = new Batch(xs, batch.targets(), false);
        State start = (initial == null ? cell.zeroState(batch.batchSize()) : initial).copy();
        Map<String, Matrix> tensors = Objective.ofSequence(params, xs, start.asMap());
        return new Objective() {
            @Override
            public Map<String, Matrix> tensors() {
                return tensors;
            }

            @Override
            public double loss() {
                return SequenceModel.this.loss(own, start);
            }

            @Override
            public Map<String, Matrix> gradients() {
                Gradients g = SequenceModel.this.gradients(own, start);
                return Objective.ofSequence(g.gradients(), g.inputGradients(), g.initialStateGradient().asMap());
            }
        };
    }

    private List<Matrix> embed(List<Matrix> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs: the sequence must have T >= 1 steps, got "
                    + (inputs == null ? "null" : "T = 0"));
        }
        if (embedding == null) {
            return inputs;
        }
        List<Matrix> es = new ArrayList<>(inputs.size());
        for (int t = 0; t < inputs.size(); t++) {
            Matrix x = inputs.get(t);
            if (x == null || x.cols() != embedding.vocabularySize()) {
                throw new IllegalArgumentException("inputs[" + t + "] (step t=" + (t + 1) + "): expected shape (B, "
                        + embedding.vocabularySize() + "), got " + (x == null ? "null" : x.shape()));
            }
            es.add(embedding.forward(x));
        }
        return es;
    }

    /**
     * Checks that {@code batch} fits this model, without running it: T inputs of shape (B, X), with
     * X this model's {@link #inputSize()}, and one (B, K) target per predicting step. The message
     * names the first input or target that does not fit.
     */
    public void requireFits(Batch batch) {
        checkTargets(batch);
        for (int t = 0; t < batch.steps(); t++) {
            Matrix x = batch.inputs().get(t);
            if (x.rows() != batch.batchSize() || x.cols() != inputSize()) {
                throw new IllegalArgumentException("inputs[" + t + "] (step t=" + (t + 1) + "): expected shape ("
                        + batch.batchSize() + ", " + inputSize() + "), got " + x.shape());
            }
        }
    }

    void requireTargets(Batch batch, int expected) {
        if (batch == null) {
            throw new IllegalArgumentException("batch must not be null");
        }
        if (batch.targets().size() != expected) {
            throw new IllegalArgumentException("targets: expected " + expected + " target matrices for T = " + batch.steps()
                    + " steps, got " + batch.targets().size());
        }
        for (int k = 0; k < expected; k++) {
            Matrix y = batch.targets().get(k);
            if (y.rows() != batch.batchSize() || y.cols() != outputSize()) {
                throw new IllegalArgumentException("targets[" + k + "]: expected shape (" + batch.batchSize() + ", " + outputSize()
                        + "), got " + y.shape());
            }
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + (embedding == null ? "" : "embedding " + embedding.vocabularySize() + " -> "
                + embedding.dimension() + ", ") + cell + ", output " + outputSize() + ", " + loss + ", parameters "
                + parameterCount() + ")";
    }
}

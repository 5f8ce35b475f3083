package rnnkit.lessons.gates;

import java.util.List;
import java.util.Random;

import rnnkit.cells.LstmCell;
import rnnkit.data.OneHot;
import rnnkit.data.Batch;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToManyModel;
import rnnkit.nn.SequenceModel;
import rnnkit.tensor.Matrix;
import rnnkit.train.Clipping;
import rnnkit.train.Optimizer;
import rnnkit.train.ProgressListener;
import rnnkit.train.Trainer;
import tech.tablesaw.api.Table;

/**
 * A task that needs forgetting: a stream of numbers -2, -1, +1, +2 with an occasional reset {@code |};
 * at every step the target is the sign of the running sum since the last reset (or the start):
 * negative, zero or positive.
 *
 * <pre>
 *   input   +2 -1 -2  |  +1 +1 -2  |  -1
 *   sum      2  1 -1  0   1  2  0  0  -1
 *   target   +  +  -  0   +  +  0  0   -
 * </pre>
 *
 * <p>Keeping a sum is adding, which an LSTM's cell state does naturally (f = 1, i = 1, g ∝ the number).
 * The reset is what needs forgetting: a forget gate wipes the sum in one multiplication (f = 0), while a
 * cell without one (c_t = c_{t-1} + i_t ⊙ g_t) must subtract exactly what it has summed, writing at
 * most |i ⊙ g| &lt; 1 per unit and step.
 *
 * <p>Token ids 0..3 are -2, -1, +1, +2 and id 4 is the reset; inputs are one-hot rows over these five
 * tokens, targets one-hot rows over the classes 0 (negative), 1 (zero), 2 (positive), one per step.
 */
public final class SignSinceReset {

    /** The id of the reset token. */
    public static final int RESET = 4;

    private static final int[] VALUES = {-2, -1, 1, 2};
    private static final String[] NAMES = {"-2", "-1", "+1", "+2", "|"};

    /**
     * The accuracy of a model on a set of streams.
     *
     * @param accuracy over every step
     * @param afterReset over the three steps that follow each reset
     * @param elsewhere over the other steps
     */
    public record Evaluation(double accuracy, double afterReset, double elsewhere) {
    }

    /**
     * A model trained on this task and its training history.
     *
     * @param model the trained many-to-many LSTM model
     * @param history the trainer's table (step, loss, grad_norm, seconds)
     */
    public record Trained(ManyToManyModel model, Table history) {
    }

    /** The training streams' length in {@link #trainLstm}. */
    public static final int TRAIN_STEPS_PER_STREAM = 30;

    private final double pReset;

    /** @param pReset the chance that a step is a reset, in (0, 1) */
    public SignSinceReset(double pReset) {
        if (!(pReset > 0.0 && pReset < 1.0)) {
            throw new IllegalArgumentException("pReset must be in (0, 1), got " + pReset);
        }
        this.pReset = pReset;
    }

    /** The width of an input row: four numbers and the reset. */
    public int inputSize() {
        return 5;
    }

    /** The number of classes: negative, zero, positive. */
    public int outputSize() {
        return 3;
    }

    /** One stream of token ids of length {@code steps}, drawn from {@code random}. */
    public int[] stream(int steps, Random random) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        int[] ids = new int[steps];
        for (int t = 0; t < steps; t++) {
            ids[t] = random.nextDouble() < pReset ? RESET : random.nextInt(VALUES.length);
        }
        return ids;
    }

    /** The classes of a stream: at each step 0, 1 or 2 for a negative, zero or positive sum since the last reset. */
    public int[] targets(int[] stream) {
        int[] out = new int[stream.length];
        int sum = 0;
        for (int t = 0; t < stream.length; t++) {
            if (stream[t] < 0 || stream[t] > RESET) {
                throw new IllegalArgumentException("stream[" + t + "] must be a token id in [0, " + RESET + "], got " + stream[t]);
            }
            sum = stream[t] == RESET ? 0 : sum + VALUES[stream[t]];
            out[t] = Integer.signum(sum) + 1;
        }
        return out;
    }

    /** The tokens of a stream as text, e.g. {@code "+2 -1 | +1"}. */
    public static String text(int[] stream) {
        StringBuilder sb = new StringBuilder();
        for (int id : stream) {
            sb.append(sb.length() == 0 ? "" : " ").append(NAMES[id]);
        }
        return sb.toString();
    }

    /** Streams as a many-to-many batch. */
    public Batch batch(int[][] streams) {
        int[][] ys = new int[streams.length][];
        for (int b = 0; b < streams.length; b++) {
            ys[b] = targets(streams[b]);
        }
        return Batch.of(OneHot.sequence(streams, inputSize()), OneHot.sequence(ys, outputSize()));
    }

    /** A many-to-many batch of {@code batchSize} fresh streams of {@code steps} steps. */
    public Batch batch(int batchSize, int steps, Random random) {
        return batch(streams(batchSize, steps, random));
    }

    /** {@code count} fresh streams of {@code steps} steps. */
    public int[][] streams(int count, int steps, Random random) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        int[][] out = new int[count][];
        for (int b = 0; b < count; b++) {
            out[b] = stream(steps, random);
        }
        return out;
    }

    /**
     * Trains an LSTM (with or without a forget gate) with H = {@code hidden} on this task: cell and output
     * layer drawn from {@code seed}, {@code updates} Adam steps (learning rate 0.02) with gradient clipping
     * at global norm 5, each on 32 fresh streams of {@link #TRAIN_STEPS_PER_STREAM} steps drawn from
     * {@code new Random(seed)}. Quiet: no progress display.
     */
    public Trained trainLstm(boolean forgetGate, int hidden, long seed, int updates) {
        LstmCell cell = new LstmCell(inputSize(), hidden, seed,
                forgetGate ? LstmCell.Options.STANDARD : LstmCell.Options.noForgetGate());
        ManyToManyModel model = new ManyToManyModel(cell, outputSize(), Loss.softmaxCrossEntropy(), seed);
        Random data = new Random(seed);
        Table history = new Trainer(model, Optimizer.adam(0.02)).clipping(Clipping.globalNorm(5)).progress(ProgressListener.NONE)
                .train(updates, k -> batch(32, TRAIN_STEPS_PER_STREAM, data));
        return new Trained(model, history);
    }

    /** The accuracy of a many-to-many model on the streams, overall, just after resets and elsewhere. */
    public Evaluation evaluate(SequenceModel model, int[][] streams) {
        Batch batch = batch(streams);
        List<Matrix> logits = model.forward(batch.inputs(), null).logits();
        if (logits.size() != streams[0].length) {
            throw new IllegalArgumentException("model: expected a prediction at every one of " + streams[0].length
                    + " steps, got " + logits.size() + " (use a ManyToManyModel)");
        }
        int[] right = new int[2];
        int[] total = new int[2];
        for (int t = 0; t < logits.size(); t++) {
            int[] predicted = OneHot.argmax(logits.get(t));
            int[] wanted = OneHot.argmax(batch.targets().get(t));
            for (int b = 0; b < streams.length; b++) {
                int group = justAfterReset(streams[b], t) ? 0 : 1;
                total[group]++;
                right[group] += predicted[b] == wanted[b] ? 1 : 0;
            }
        }
        return new Evaluation((double) (right[0] + right[1]) / (total[0] + total[1]),
                total[0] == 0 ? Double.NaN : (double) right[0] / total[0],
                total[1] == 0 ? Double.NaN : (double) right[1] / total[1]);
    }

    /**
     * The mean over units of one gate of the model's cell, averaged separately over the reset steps and
     * over all other steps of the streams: {@code {at resets, elsewhere}}. For an LSTM's forget gate this
     * shows whether the cell uses the gate to wipe its memory at a reset.
     *
     * @throws IllegalArgumentException if the cell records no such gate
     */
    public double[] meanGateAtResets(SequenceModel model, int[][] streams, String gate) {
        if (!model.cell().gateNames().contains(gate)) {
            throw new IllegalArgumentException("gate '" + gate + "' is not recorded; the cell records " + model.cell().gateNames());
        }
        rnnkit.cells.Trace trace = model.forward(batch(streams).inputs(), null).trace();
        double[] sum = new double[2];
        int[] count = new int[2];
        for (int t = 0; t < streams[0].length; t++) {
            Matrix g = trace.gate(gate, t + 1);
            for (int b = 0; b < streams.length; b++) {
                int group = streams[b][t] == RESET ? 0 : 1;
                sum[group] += g.rowAt(b).sum() / g.cols();
                count[group]++;
            }
        }
        return new double[] {count[0] == 0 ? Double.NaN : sum[0] / count[0], count[1] == 0 ? Double.NaN : sum[1] / count[1]};
    }

    /** Whether step t is one of the three steps after a reset (a reset at t - 1, t - 2 or t - 3). */
    static boolean justAfterReset(int[] stream, int t) {
        for (int k = 1; k <= 3; k++) {
            if (t - k >= 0 && stream[t - k] == RESET) {
                return true;
            }
        }
        return false;
    }
}

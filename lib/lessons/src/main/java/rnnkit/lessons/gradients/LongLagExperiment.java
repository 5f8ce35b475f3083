package rnnkit.lessons.gradients;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleFunction;
import java.util.stream.IntStream;

import rnnkit.cells.RecurrentCell;
import rnnkit.data.Batch;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToOneModel;
import rnnkit.nn.SequenceModel;
import rnnkit.train.Clipping;
import rnnkit.train.Optimizer;
import rnnkit.train.WorkProgress;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Success rate against lag: for each cell, lag and seed, train a many-to-one model on
 * {@link FirstSymbolTask} until it is solved or the step budget runs out.
 *
 * <pre>{@code
 * var budget = new LongLagExperiment.Budget(16, 32, 600, 25, 0.95, 1.0, lr -> Optimizer.adam(lr), 0.01);
 * LongLagExperiment.Results results = LongLagExperiment.run(Map.of("RNN", RnnCell::new, "LSTM", LstmCell::new),
 *         new int[] {5, 20, 50}, new long[] {1, 2, 3}, 4, 4, budget);
 * Table runs = results.table();                           // cell, lag, seed, accuracy, steps, solved
 * Table rates = results.successRates();                   // lag, then one success-rate column per cell
 * ManyToOneModel m = results.get("LSTM", 50, 1).model();  // a trained model, to inspect
 * }</pre>
 *
 * <p>Each run draws its cell and output layer from its seed, trains on fresh batches from its own
 * {@code Random}, and every {@code evalEvery} steps measures accuracy on a held-out batch; it stops
 * as soon as that accuracy reaches {@code solvedAt} ("solved"). Runs are independent and seeded, so
 * the table is the same whether they run one after another or in parallel.
 */
public final class LongLagExperiment {

    /** Makes a cell; the cells' three-argument constructors fit: {@code RnnCell::new}. */
    @FunctionalInterface
    public interface CellFactory {
        RecurrentCell create(int inputSize, int hiddenSize, long seed);
    }

    /**
     * What one run may spend.
     *
     * @param hiddenSize H
     * @param batchSize examples per training step
     * @param maxSteps the step budget
     * @param evalEvery steps between accuracy measurements on the held-out batch
     * @param solvedAt held-out accuracy at which a run counts as solved and stops
     * @param clipNorm global-norm clipping threshold
     * @param optimizer makes a fresh optimiser from the learning rate
     * @param learningRate the learning rate
     */
    public record Budget(int hiddenSize, int batchSize, int maxSteps, int evalEvery, double solvedAt, double clipNorm,
            DoubleFunction<Optimizer> optimizer, double learningRate) {

        public Budget {
            positive("hiddenSize", hiddenSize);
            positive("batchSize", batchSize);
            positive("maxSteps", maxSteps);
            positive("evalEvery", evalEvery);
            if (!(solvedAt > 0 && solvedAt <= 1)) {
                throw new IllegalArgumentException("solvedAt must be in (0, 1], got " + solvedAt);
            }
            if (!(clipNorm > 0) || !Double.isFinite(clipNorm)) {
                throw new IllegalArgumentException("clipNorm must be a positive number, got " + clipNorm);
            }
            if (optimizer == null) {
                throw new IllegalArgumentException("optimizer must not be null");
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be a positive number, got " + learningRate);
            }
        }

        private static void positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got " + value);
            }
        }
    }

    /**
     * The outcome of one run.
     *
     * @param accuracy the last held-out accuracy measured
     * @param steps the training steps taken
     * @param solved whether the accuracy reached the budget's solvedAt
     * @param model the trained model
     */
    public record Run(double accuracy, int steps, boolean solved, ManyToOneModel model) {
    }

    /**
     * Every run of a sweep: the table and the runs themselves (with their trained models).
     *
     * @param table one row per run: {@code cell, lag, seed, accuracy, steps, solved}
     * @param runs the runs in the table's order
     */
    public record Results(Table table, List<Run> runs) {

        /** The run of {@code cell} at {@code lag} with {@code seed}. */
        public Run get(String cell, int lag, long seed) {
            for (int r = 0; r < table.rowCount(); r++) {
                if (table.stringColumn("cell").get(r).equals(cell) && table.intColumn("lag").get(r) == lag
                        && table.intColumn("seed").get(r) == seed) {
                    return runs.get(r);
                }
            }
            throw new IllegalArgumentException("no run for cell '" + cell + "', lag " + lag + ", seed " + seed + "; cells are "
                    + new java.util.LinkedHashSet<>(table.stringColumn("cell").asList()) + ", lags "
                    + new java.util.LinkedHashSet<>(table.intColumn("lag").asList()));
        }

        /** {@link LongLagExperiment#successRates(Table)} of this sweep. */
        public Table successRates() {
            return LongLagExperiment.successRates(table);
        }
    }

    private LongLagExperiment() {
    }

    /** Held-out examples per accuracy measurement. */
    public static final int HELD_OUT = 128;

    /** One run: trains a fresh model on {@code task} from {@code seed} within {@code budget}. */
    public static Run train(CellFactory factory, FirstSymbolTask task, long seed, Budget budget) {
        if (factory == null || task == null || budget == null) {
            throw new IllegalArgumentException("factory, task and budget must not be null");
        }
        RecurrentCell cell = factory.create(task.inputSize(), budget.hiddenSize(), seed);
        ManyToOneModel model = new ManyToOneModel(cell, task.symbols(), Loss.softmaxCrossEntropy(), seed + 7919);
        Optimizer optimizer = budget.optimizer().apply(budget.learningRate());
        Clipping clipping = Clipping.globalNorm(budget.clipNorm());
        Random data = new Random(seed * 31 + 17);
        Batch heldOut = task.batch(HELD_OUT, new Random(seed * 31 + 18));
        double accuracy = FirstSymbolTask.accuracy(model, heldOut);
        int step = 0;
        while (step < budget.maxSteps() && accuracy < budget.solvedAt()) {
            Batch batch = task.batch(budget.batchSize(), data);
            SequenceModel.Gradients g = model.gradients(batch, null);
            clipping.apply(g.gradients());
            optimizer.step(model.parameters(), g.gradients());
            step++;
            if (step % budget.evalEvery() == 0 || step == budget.maxSteps()) {
                accuracy = FirstSymbolTask.accuracy(model, heldOut);
            }
        }
        return new Run(accuracy, step, accuracy >= budget.solvedAt(), model);
    }

    /**
     * Every cell at every lag with every seed, in parallel; the table has one row per run with the
     * columns {@code cell, lag, seed, accuracy, steps, solved}, in the order cells, lags, seeds.
     *
     * @param cells the cells by display name, in order
     */
    public static Results run(Map<String, CellFactory> cells, int[] lags, long[] seeds, int symbols, int distractors,
            Budget budget) {
        if (cells == null || cells.isEmpty()) {
            throw new IllegalArgumentException("cells must not be empty");
        }
        if (lags == null || lags.length == 0 || seeds == null || seeds.length == 0) {
            throw new IllegalArgumentException("lags and seeds must not be empty");
        }
        record Job(String name, CellFactory factory, int lag, long seed) {
        }
        List<Job> jobs = new ArrayList<>();
        for (Map.Entry<String, CellFactory> e : new LinkedHashMap<>(cells).entrySet()) {
            for (int lag : lags) {
                new FirstSymbolTask(lag, symbols, distractors);      // checks the arguments before any run starts
                for (long seed : seeds) {
                    jobs.add(new Job(e.getKey(), e.getValue(), lag, seed));
                }
            }
        }
        Run[] runs = new Run[jobs.size()];
        try (WorkProgress progress = WorkProgress.start("runs", jobs.size())) {
            IntStream.range(0, jobs.size()).parallel().forEach(k -> {
                Job j = jobs.get(k);
                runs[k] = train(j.factory(), new FirstSymbolTask(j.lag(), symbols, distractors), j.seed(), budget);
                progress.done(j.name() + " lag " + j.lag() + " seed " + j.seed());
            });
        }
        StringColumn cell = StringColumn.create("cell");
        IntColumn lag = IntColumn.create("lag");
        IntColumn seed = IntColumn.create("seed");
        DoubleColumn accuracy = DoubleColumn.create("accuracy");
        IntColumn steps = IntColumn.create("steps");
        BooleanColumn solved = BooleanColumn.create("solved");
        for (int k = 0; k < jobs.size(); k++) {
            cell.append(jobs.get(k).name());
            lag.append(jobs.get(k).lag());
            seed.append((int) jobs.get(k).seed());
            accuracy.append(runs[k].accuracy());
            steps.append(runs[k].steps());
            solved.append(runs[k].solved());
        }
        return new Results(Table.create("long-lag runs", cell, lag, seed, accuracy, steps, solved), List.of(runs));
    }

    /**
     * The fraction of solved runs per cell and lag: columns {@code lag} and one {@code success} column
     * per cell (named after it), one row per lag in the order of the runs table.
     */
    public static Table successRates(Table runs) {
        for (String column : List.of("cell", "lag", "solved")) {
            if (!runs.columnNames().contains(column)) {
                throw new IllegalArgumentException("runs has no column '" + column + "'; its columns are " + runs.columnNames());
            }
        }
        List<String> cells = new ArrayList<>(new java.util.LinkedHashSet<>(runs.stringColumn("cell").asList()));
        List<Integer> lags = new ArrayList<>(new java.util.LinkedHashSet<>(runs.intColumn("lag").asList()));
        Table out = Table.create("success rate by lag", IntColumn.create("lag", lags.stream().mapToInt(Integer::intValue).toArray()));
        for (String c : cells) {
            double[] rates = new double[lags.size()];
            for (int i = 0; i < lags.size(); i++) {
                int total = 0;
                int solved = 0;
                for (int r = 0; r < runs.rowCount(); r++) {
                    if (runs.stringColumn("cell").get(r).equals(c) && runs.intColumn("lag").get(r).equals(lags.get(i))) {
                        total++;
                        if (runs.booleanColumn("solved").get(r)) {
                            solved++;
                        }
                    }
                }
                rates[i] = total == 0 ? Double.NaN : (double) solved / total;
            }
            out.addColumns(DoubleColumn.create(c, rates));
        }
        return out;
    }
}

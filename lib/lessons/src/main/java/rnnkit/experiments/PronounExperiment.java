package rnnkit.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;


import rnnkit.cells.RecurrentCell;
import rnnkit.experiments.PronounDialogues.Distractors;
import rnnkit.data.Batch;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToManyModel;
import rnnkit.nn.ManyToOneModel;
import rnnkit.nn.SequenceModel;
import rnnkit.tensor.Matrix;
import rnnkit.train.Clipping;
import rnnkit.train.Optimizer;
import rnnkit.train.ProgressListener;
import rnnkit.train.Trainer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The pronoun experiment: train each cell on {@link PronounDialogues} scenes with the same hidden
 * size, the same number of updates and the same data, then measure held-out accuracy by distance
 * and by number of distractors.
 *
 * <p>Model: embedding (V x E) → cell (E → H) → linear (H → 2) → softmax over {she, he}, read after
 * the last word. Training: Adam, gradients clipped to global norm 5; at every update a batch of one
 * distance drawn from {@link Config#trainDistances()} with 0, 1 or 2 distractors of random gender.
 * Model seed s gives the weights; the training data of run s come from seed 1000 + s, the test data
 * from seed 9000 (the same test scenes for every cell and run), with distractors of the
 * {@link Distractors#OPPOSITE opposite} gender.
 *
 * <pre>{@code
 * var config = PronounExperiment.Config.defaults();
 * Table runs = PronounExperiment.run(config, List.of(CellKind.values()), List.of(1L, 2L, 3L));
 * Table byDistance = PronounExperiment.summary(runs, "distance");
 * }</pre>
 */
public final class PronounExperiment {

    /**
     * The experiment's sizes.
     *
     * @param task what the model is trained to predict
     * @param hidden H, the same for every cell
     * @param embedding E, the size of each word vector
     * @param updates the number of training updates, the same for every cell
     * @param batchSize scenes per update
     * @param learningRate Adam's step size
     * @param trainDistances the distances training draws from (uniformly)
     * @param testDistances the distances accuracy is measured at
     * @param testDistractors the distractor counts accuracy is measured at
     * @param testScenes scenes per (distance, distractors) pair
     */
    public record Config(Task task, int hidden, int embedding, int updates, int batchSize, double learningRate,
            List<Integer> trainDistances, List<Integer> testDistances, List<Integer> testDistractors, int testScenes) {

        public Config {
            if (task == null) {
                throw new IllegalArgumentException("task must not be null");
            }
            positive("hidden", hidden);
            positive("embedding", embedding);
            positive("updates", updates);
            positive("batchSize", batchSize);
            positive("testScenes", testScenes);
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be a positive number, got " + learningRate);
            }
            if (trainDistances == null || trainDistances.isEmpty() || testDistances == null || testDistances.isEmpty()
                    || testDistractors == null || testDistractors.isEmpty()) {
                throw new IllegalArgumentException("trainDistances, testDistances and testDistractors must be non-empty");
            }
            for (List<Integer> distances : List.of(trainDistances, testDistances)) {
                for (int d : distances) {
                    if (d < PronounDialogues.MIN_DISTANCE) {
                        throw new IllegalArgumentException("trainDistances and testDistances: every distance must be >= "
                                + PronounDialogues.MIN_DISTANCE + ", got " + d);
                    }
                }
            }
            trainDistances = List.copyOf(trainDistances);
            testDistances = List.copyOf(testDistances);
            testDistractors = List.copyOf(testDistractors);
        }

        /** The classifier task, H = 16, E = 8, 150 updates of 32 scenes, Adam 0.01, distances 5, 10, 20, 50, 100, distractors 0, 1, 2. */
        public static Config defaults() {
            List<Integer> distances = List.of(5, 10, 20, 50, 100);
            return new Config(Task.CLASSIFIER, 16, 8, 150, 32, 0.01, distances, distances, List.of(0, 1, 2), 100);
        }

        public Config withTask(Task t) {
            return new Config(t, hidden, embedding, updates, batchSize, learningRate, trainDistances, testDistances,
                    testDistractors, testScenes);
        }

        public Config withUpdates(int n) {
            return new Config(task, hidden, embedding, n, batchSize, learningRate, trainDistances, testDistances, testDistractors,
                    testScenes);
        }

        public Config withHidden(int h) {
            return new Config(task, h, embedding, updates, batchSize, learningRate, trainDistances, testDistances, testDistractors,
                    testScenes);
        }

        public Config withTestScenes(int n) {
            return new Config(task, hidden, embedding, updates, batchSize, learningRate, trainDistances, testDistances,
                    testDistractors, n);
        }

        public Config withLearningRate(double lr) {
            return new Config(task, hidden, embedding, updates, batchSize, lr, trainDistances, testDistances, testDistractors,
                    testScenes);
        }

        public Config withTrainDistances(List<Integer> distances) {
            return new Config(task, hidden, embedding, updates, batchSize, learningRate, distances, testDistances, testDistractors,
                    testScenes);
        }

        private static void positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got " + value);
            }
        }
    }

    /**
     * What the model learns. {@link #LANGUAGE_MODEL}: predict every next word of the scene (a loss at
     * every step; the last word to predict is the pronoun), so the state must follow the filler as
     * well as remember the character. {@link #CLASSIFIER}: read the scene and predict only the pronoun
     * (one loss, at the end), so the filler can be ignored.
     */
    public enum Task { LANGUAGE_MODEL, CLASSIFIER }

    /** A trained model with its training history (columns of {@link Trainer#train}). */
    public record Trained(CellKind kind, long seed, SequenceModel model, Table history) {
    }

    private static final long TEST_SEED = 9000;

    private PronounExperiment() {
    }

    /** A fresh, untrained model: embedding → cell of this kind → V logits at every step, or 2 at the end. */
    public static SequenceModel model(Config config, CellKind kind, long seed) {
        RecurrentCell cell = kind.create(config.embedding(), config.hidden(), seed);
        int v = PronounDialogues.vocabulary().size();
        return config.task() == Task.LANGUAGE_MODEL
                ? ManyToManyModel.withEmbedding(v, cell, v, Loss.softmaxCrossEntropy(), seed + 500)
                : ManyToOneModel.withEmbedding(v, cell, 2, Loss.softmaxCrossEntropy(), seed + 500);
    }

    /** A batch of scenes in the form the task needs. */
    public static Batch batch(Config config, int distance, int distractors, Distractors gender, int size, Random random) {
        return config.task() == Task.LANGUAGE_MODEL
                ? PronounDialogues.languageModelBatch(distance, distractors, gender, size, random)
                : PronounDialogues.batch(distance, distractors, gender, size, random);
    }

    /** Trains one model of {@code kind} from {@code seed} for {@code config.updates()} updates. */
    public static Trained train(Config config, CellKind kind, long seed) {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        SequenceModel model = model(config, kind, seed);
        Random data = new Random(1000 + seed);
        List<Integer> distances = config.trainDistances();
        Table history = new Trainer(model, Optimizer.adam(config.learningRate()))
                .clipping(Clipping.globalNorm(5.0))
                .progress(ProgressListener.NONE)
                .train(config.updates(), step -> trainingBatch(config, data));
        return new Trained(kind, seed, model, history);
    }

    /** One training batch: a distance drawn from the config's, 0, 1 or 2 distractors of random gender (as many as fit). */
    private static Batch trainingBatch(Config config, Random data) {
        List<Integer> distances = config.trainDistances();
        int d = distances.get(data.nextInt(distances.size()));
        int k = Math.min(data.nextInt(3), PronounDialogues.maxDistractors(d));
        return batch(config, d, k, Distractors.RANDOM, config.batchSize(), data);
    }

    /**
     * A run with a learning curve: the model of {@link #train}, trained the same way, and its held-out
     * accuracy at every test distance after every {@code every} updates (on {@code scenes} scenes per
     * distance, the distractor counts that fit taking equal shares). Columns of the curve: cell, seed,
     * update, distance, accuracy.
     */
    public record Curve(Trained trained, Table curve) {
    }

    /** Trains like {@link #train} and measures the learning curve described at {@link Curve}. */
    public static Curve trainWithCurve(Config config, CellKind kind, long seed, int every, int scenes) {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (every < 1 || scenes < 1) {
            throw new IllegalArgumentException("every and scenes must be >= 1, got " + every + " and " + scenes);
        }
        SequenceModel model = model(config, kind, seed);
        Random data = new Random(1000 + seed);
        Trainer trainer = new Trainer(model, Optimizer.adam(config.learningRate()))
                .clipping(Clipping.globalNorm(5.0))
                .progress(ProgressListener.NONE);
        Table curve = Table.create("learning curve", StringColumn.create("cell"), IntColumn.create("seed"),
                IntColumn.create("update"), IntColumn.create("distance"), DoubleColumn.create("accuracy"));
        List<Table> histories = new ArrayList<>();
        int done = 0;
        while (done < config.updates()) {
            int n = Math.min(every, config.updates() - done);
            histories.add(trainer.train(n, step -> trainingBatch(config, data)));
            done += n;
            for (int d : config.testDistances()) {
                List<Integer> ks = new ArrayList<>();
                for (int k : config.testDistractors()) {
                    if (k <= PronounDialogues.maxDistractors(d)) {
                        ks.add(k);
                    }
                }
                double sum = 0;
                for (int k : ks) {
                    Random test = new Random(TEST_SEED + 7 + 31L * d + k);
                    sum += accuracy(model, batch(config, d, k, Distractors.OPPOSITE, Math.max(1, scenes / ks.size()), test));
                }
                curve.stringColumn("cell").append(kind.label());
                curve.intColumn("seed").append((int) seed);
                curve.intColumn("update").append(done);
                curve.intColumn("distance").append(d);
                curve.doubleColumn("accuracy").append(sum / ks.size());
            }
        }
        Table history = histories.get(0).emptyCopy();
        int offset = 0;
        for (Table h : histories) {
            for (int r = 0; r < h.rowCount(); r++) {
                history.intColumn("step").append(h.intColumn("step").get(r) + offset);
                for (String c : h.columnNames()) {
                    if (!c.equals("step")) {
                        history.doubleColumn(c).append(h.doubleColumn(c).get(r));
                    }
                }
            }
            offset += h.rowCount();
        }
        return new Curve(new Trained(kind, seed, model, history), curve);
    }

    /** {@link #trainWithCurve} for every (cell, seed) pair on up to {@code threads} threads, in the order kinds × seeds. */
    public static List<Curve> trainAllWithCurves(Config config, List<CellKind> kinds, List<Long> seeds, int threads,
            int every, int scenes) {
        return parallel(kinds, seeds, threads, (kind, seed) -> trainWithCurve(config, kind, seed, every, scenes));
    }

    /** All the curves of {@code runs} in one table. */
    public static Table curves(List<Curve> runs) {
        Table all = runs.get(0).curve().emptyCopy();
        for (Curve c : runs) {
            all.append(c.curve());
        }
        return all;
    }

    /**
     * How many updates each run needed to learn each distance: the first checkpoint from which its
     * accuracy stays at or above {@code level} to the end, or missing if it never gets there. Columns
     * cell, seed, distance, updates_needed.
     */
    public static Table updatesNeeded(Table curves, double level) {
        Table out = Table.create("updates needed to reach " + level, StringColumn.create("cell"), IntColumn.create("seed"),
                IntColumn.create("distance"), IntColumn.create("updates_needed"));
        java.util.Map<String, java.util.TreeMap<Integer, Double>> byRun = new java.util.LinkedHashMap<>();
        for (int r = 0; r < curves.rowCount(); r++) {
            String key = curves.stringColumn("cell").get(r) + "|" + curves.intColumn("seed").get(r) + "|"
                    + curves.intColumn("distance").get(r);
            byRun.computeIfAbsent(key, k -> new java.util.TreeMap<>())
                    .put(curves.intColumn("update").get(r), curves.doubleColumn("accuracy").get(r));
        }
        for (var e : byRun.entrySet()) {
            String[] parts = e.getKey().split("\\|");
            Integer needed = null;
            for (var point : e.getValue().entrySet()) {
                if (point.getValue() >= level) {
                    if (needed == null) {
                        needed = point.getKey();
                    }
                } else {
                    needed = null;
                }
            }
            out.stringColumn("cell").append(parts[0]);
            out.intColumn("seed").append(Integer.parseInt(parts[1]));
            out.intColumn("distance").append(Integer.parseInt(parts[2]));
            if (needed == null) {
                out.intColumn("updates_needed").appendMissing();
            } else {
                out.intColumn("updates_needed").append(needed);
            }
        }
        return out;
    }

    /** P("she") against P("he") after the last word of {@code scene}: the softmax of the two pronoun logits. */
    public static double probabilityShe(SequenceModel model, PronounDialogues.Scene scene) {
        SequenceModel.Output out = model.forward(PronounDialogues.inputs(scene), null);
        Matrix logits = out.logits().get(out.logits().size() - 1);
        int she = logits.cols() == 2 ? 0 : PronounDialogues.vocabulary().id("she");
        int he = logits.cols() == 2 ? 1 : PronounDialogues.vocabulary().id("he");
        return 1 / (1 + Math.exp(logits.get(0, he) - logits.get(0, she)));
    }

    /**
     * The fraction of {@code batch}'s scenes whose pronoun the model gets right: after the last word,
     * is the logit of the right pronoun larger than the other's? (A language model's other words do
     * not count: only "she" against "he".)
     */
    public static double accuracy(SequenceModel model, Batch batch) {
        SequenceModel.Output out = model.forward(batch.inputs(), null);
        Matrix logits = out.logits().get(out.logits().size() - 1);               // (B, V) or (B, 2)
        Matrix target = batch.targets().get(batch.targets().size() - 1);
        int she = logits.cols() == 2 ? 0 : PronounDialogues.vocabulary().id("she");
        int he = logits.cols() == 2 ? 1 : PronounDialogues.vocabulary().id("he");
        int right = 0;
        for (int b = 0; b < logits.rows(); b++) {
            boolean saysShe = logits.get(b, she) > logits.get(b, he);
            boolean isShe = target.get(b, she) == 1.0;
            if (saysShe == isShe) {
                right++;
            }
        }
        return right / (double) logits.rows();
    }

    /**
     * Held-out accuracy of one trained model at every test distance and distractor count: columns
     * cell, seed, distance, distractors, accuracy. The test scenes are the same for every model.
     */
    public static Table evaluate(Config config, Trained trained) {
        Table t = emptyResults();
        for (int d : config.testDistances()) {
            for (int k : config.testDistractors()) {
                if (k > PronounDialogues.maxDistractors(d)) {
                    continue;                                         // no room for k named sentences
                }
                Random test = new Random(TEST_SEED + 31L * d + k);
                Batch batch = batch(config, d, k, Distractors.OPPOSITE, config.testScenes(), test);
                append(t, trained.kind(), trained.seed(), d, k, accuracy(trained.model(), batch));
            }
        }
        return t;
    }

    /**
     * Trains every (cell, seed) pair on up to {@code threads} threads; the models do not depend on
     * the number of threads. Returned in the order kinds × seeds.
     */
    public static List<Trained> trainAll(Config config, List<CellKind> kinds, List<Long> seeds, int threads) {
        return parallel(kinds, seeds, threads, (kind, seed) -> train(config, kind, seed));
    }

    private static <T> List<T> parallel(List<CellKind> kinds, List<Long> seeds, int threads,
            java.util.function.BiFunction<CellKind, Long, T> job) {
        if (kinds == null || kinds.isEmpty() || seeds == null || seeds.isEmpty()) {
            throw new IllegalArgumentException("kinds and seeds must be non-empty");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        // Tablesaw's column types initialise each other statically: two threads doing it at once can
        // deadlock, so the calling thread initialises them before any worker starts.
        emptyResults();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "pronoun-experiment");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<T>> jobs = new ArrayList<>();
            for (CellKind kind : kinds) {
                for (long seed : seeds) {
                    jobs.add(pool.submit(() -> job.apply(kind, seed)));
                }
            }
            List<T> out = new ArrayList<>();
            for (Future<T> j : jobs) {
                out.add(j.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a training run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@link #evaluate(Config, Trained)} for every model, one table. */
    public static Table evaluate(Config config, List<Trained> models) {
        Table all = emptyResults();
        for (Trained t : models) {
            all.append(evaluate(config, t));
        }
        return all;
    }

    /** Trains ({@link #trainAll}) and evaluates every (cell, seed) pair: one row per cell, seed, distance and distractor count. */
    public static Table run(Config config, List<CellKind> kinds, List<Long> seeds, int threads) {
        return evaluate(config, trainAll(config, kinds, seeds, threads));
    }

    /**
     * Mean and spread over seeds: for each cell and each value of {@code by} ("distance" or
     * "distractors"), the mean accuracy over seeds (and over the other variable), the smallest and
     * largest per-seed accuracy, and the standard deviation over seeds. Columns: cell, by, mean,
     * min, max, sd.
     */
    public static Table summary(Table runs, String by) {
        if (!by.equals("distance") && !by.equals("distractors")) {
            throw new IllegalArgumentException("by must be \"distance\" or \"distractors\", got \"" + by + "\"");
        }
        Table out = Table.create("accuracy by " + by, StringColumn.create("cell"), IntColumn.create(by),
                DoubleColumn.create("mean"), DoubleColumn.create("min"), DoubleColumn.create("max"), DoubleColumn.create("sd"));
        List<String> cells = runs.stringColumn("cell").unique().asList();
        List<Integer> values = new ArrayList<>(runs.intColumn(by).unique().asList());
        java.util.Collections.sort(values);
        List<Long> seeds = new ArrayList<>();
        for (int r = 0; r < runs.rowCount(); r++) {
            long s = runs.intColumn("seed").get(r);
            if (!seeds.contains(s)) {
                seeds.add(s);
            }
        }
        for (CellKind kind : CellKind.values()) {
            if (!cells.contains(kind.label())) {
                continue;
            }
            for (int v : values) {
                double[] perSeed = new double[seeds.size()];
                int[] counts = new int[seeds.size()];
                for (int r = 0; r < runs.rowCount(); r++) {
                    if (runs.stringColumn("cell").get(r).equals(kind.label()) && runs.intColumn(by).get(r) == v) {
                        int s = seeds.indexOf((long) runs.intColumn("seed").get(r));
                        perSeed[s] += runs.doubleColumn("accuracy").get(r);
                        counts[s]++;
                    }
                }
                double sum = 0;
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < perSeed.length; s++) {
                    perSeed[s] /= counts[s];
                    sum += perSeed[s];
                    min = Math.min(min, perSeed[s]);
                    max = Math.max(max, perSeed[s]);
                }
                double mean = sum / perSeed.length;
                double ss = 0;
                for (double a : perSeed) {
                    ss += (a - mean) * (a - mean);
                }
                double sd = perSeed.length > 1 ? Math.sqrt(ss / (perSeed.length - 1)) : 0.0;
                out.stringColumn("cell").append(kind.label());
                out.intColumn(by).append(v);
                out.doubleColumn("mean").append(mean);
                out.doubleColumn("min").append(min);
                out.doubleColumn("max").append(max);
                out.doubleColumn("sd").append(sd);
            }
        }
        return out;
    }

    /** The mean accuracy of {@code cell} at {@code by} = {@code value}, read from a {@link #summary} table. */
    public static double mean(Table summary, String cell, int value) {
        String by = summary.columnNames().get(1);
        for (int r = 0; r < summary.rowCount(); r++) {
            if (summary.stringColumn("cell").get(r).equals(cell) && summary.intColumn(by).get(r) == value) {
                return summary.doubleColumn("mean").get(r);
            }
        }
        throw new IllegalArgumentException("no row for cell " + cell + " and " + by + " = " + value + " in " + summary.name());
    }

    /**
     * Inside a trained LSTM reading one scene: for unit {@code unit}, at every step t = 1..T, the word
     * read and the unit's input gate i, forget gate f and cell state c. Columns t, word, i, f, c.
     *
     * @throws IllegalArgumentException if the model's cell is not an LSTM or the unit is out of range
     */
    public static Table lstmUnitOverScene(SequenceModel model, PronounDialogues.Scene scene, int unit) {
        if (!(model.cell() instanceof rnnkit.cells.LstmCell)) {
            throw new IllegalArgumentException("the model's cell must be an LstmCell, got " + model.cell());
        }
        if (unit < 0 || unit >= model.cell().hiddenSize()) {
            throw new IllegalArgumentException("unit must be in [0, " + model.cell().hiddenSize() + "), got " + unit);
        }
        rnnkit.cells.Trace trace = model.forward(PronounDialogues.inputs(scene), null).trace();
        Table t = Table.create("LSTM unit " + unit, IntColumn.create("t"), StringColumn.create("word"),
                DoubleColumn.create("i"), DoubleColumn.create("f"), DoubleColumn.create("c"));
        for (int step = 1; step <= trace.steps(); step++) {
            t.intColumn("t").append(step);
            t.stringColumn("word").append(scene.words().get(step - 1));
            t.doubleColumn("i").append(trace.gate("i", step).get(0, unit));
            t.doubleColumn("f").append(trace.gate("f", step).get(0, unit));
            t.doubleColumn("c").append(trace.state(step).c().get(0, unit));
        }
        return t;
    }

    /**
     * The LSTM unit whose final cell state best tells "she" scenes from "he" scenes: over a batch of
     * test scenes of the given distance, the largest |correlation| between c_T[j] and the pronoun
     * (1 for "she").
     */
    public static UnitFinder.Found genderUnit(SequenceModel model, int distance, int distractors, int scenes, long seed) {
        Batch batch = PronounDialogues.batch(distance, distractors, Distractors.OPPOSITE, scenes, new Random(seed));
        rnnkit.cells.Trace trace = model.forward(batch.inputs(), null).trace();
        if (!trace.finalState().has("c")) {
            throw new IllegalArgumentException("the model's cell has no cell state c: " + model.cell());
        }
        int[] she = new int[scenes];
        for (int b = 0; b < scenes; b++) {
            she[b] = batch.targets().get(0).get(b, 0) == 1.0 ? 1 : 0;
        }
        return UnitFinder.mostSeparating(trace.finalState().c(), she);
    }

    /**
     * When does an LSTM unit know the gender? Over {@code scenes} test scenes of one distance, at every
     * step t: the correlation between the unit's cell state c_t[unit] and the answer (1 for "she"),
     * and the unit's mean input and forget gates. Columns t, r, mean_i, mean_f.
     */
    public static Table genderOverTime(SequenceModel model, int unit, int distance, int distractors, int scenes, long seed) {
        if (!(model.cell() instanceof rnnkit.cells.LstmCell)) {
            throw new IllegalArgumentException("the model's cell must be an LstmCell, got " + model.cell());
        }
        if (unit < 0 || unit >= model.cell().hiddenSize()) {
            throw new IllegalArgumentException("unit must be in [0, " + model.cell().hiddenSize() + "), got " + unit);
        }
        Batch batch = PronounDialogues.batch(distance, distractors, Distractors.OPPOSITE, scenes, new Random(seed));
        rnnkit.cells.Trace trace = model.forward(batch.inputs(), null).trace();
        double[] she = new double[scenes];
        for (int b = 0; b < scenes; b++) {
            she[b] = batch.targets().get(0).get(b, 0);
        }
        Table t = Table.create("LSTM unit " + unit + " across " + scenes + " scenes", IntColumn.create("t"),
                DoubleColumn.create("r"), DoubleColumn.create("mean_i"), DoubleColumn.create("mean_f"));
        for (int step = 1; step <= trace.steps(); step++) {
            double[] c = UnitFinder.unit(trace.state(step).c(), unit);
            t.intColumn("t").append(step);
            t.doubleColumn("r").append(UnitFinder.correlation(c, she));
            t.doubleColumn("mean_i").append(mean(UnitFinder.unit(trace.gate("i", step), unit)));
            t.doubleColumn("mean_f").append(mean(UnitFinder.unit(trace.gate("f", step), unit)));
        }
        return t;
    }

    private static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }

    private static Table emptyResults() {
        return Table.create("pronoun accuracy", StringColumn.create("cell"), IntColumn.create("seed"),
                IntColumn.create("distance"), IntColumn.create("distractors"), DoubleColumn.create("accuracy"));
    }

    private static void append(Table t, CellKind kind, long seed, int distance, int distractors, double accuracy) {
        t.stringColumn("cell").append(kind.label());
        t.intColumn("seed").append((int) seed);
        t.intColumn("distance").append(distance);
        t.intColumn("distractors").append(distractors);
        t.doubleColumn("accuracy").append(accuracy);
    }
}

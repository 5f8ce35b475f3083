package rnnkit.experiments;

import java.util.ArrayList;
import java.util.List;

import java.awt.Color;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import rnnkit.cells.RecurrentCell;
import rnnkit.data.CharCorpus;
import rnnkit.data.Vocabulary;
import rnnkit.data.Batch;
import rnnkit.nn.CharSampler;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToManyModel;
import rnnkit.plot.Plots;
import rnnkit.train.Clipping;
import rnnkit.train.Optimizer;
import rnnkit.train.ProgressListener;
import rnnkit.train.Trainer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The cell comparison on a character-level language model: the same text, hidden size, number of
 * updates, batches, optimiser and seed for an RNN, a GRU and an LSTM.
 *
 * <p>Model: one-hot character (V) → cell (V → H) → linear (H → V) → softmax over the next
 * character, trained by truncated BPTT ({@link CharCorpus#chunk}) with Adam and gradients clipped
 * to global norm 5. The text is split once: the first 90% trains, the last 10% validates.
 *
 * <pre>{@code
 * var split = CharLmExperiment.split(SourceText.load(Path.of("../lib/core/src/main/java")), 0.9);
 * var result = CharLmExperiment.train(CharLmExperiment.Config.defaults(), CellKind.LSTM, split, 1);
 * Plots.lossCurves(result.history());
 * }</pre>
 */
public final class CharLmExperiment {

    /**
     * The sizes of one run.
     *
     * @param hidden H, the same for every cell
     * @param updates training updates
     * @param steps T, characters per chunk (truncated BPTT length)
     * @param batchSize B, parallel streams
     * @param learningRate Adam's step size
     * @param checkpoints how many times during training to validate and draw a sample (evenly spaced, the last at the end)
     * @param validationBatches chunks of the validation text the validation loss averages over
     * @param sampleLength characters per sample
     * @param temperature the sampling temperature at the checkpoints
     */
    public record Config(int hidden, int updates, int steps, int batchSize, double learningRate, int checkpoints,
            int validationBatches, int sampleLength, double temperature) {

        public Config {
            for (int[] v : new int[][] {{hidden}, {updates}, {steps}, {batchSize}, {checkpoints}, {validationBatches},
                    {sampleLength}}) {
                if (v[0] < 1) {
                    throw new IllegalArgumentException("every size must be >= 1, got " + v[0] + " in " + List.of(hidden,
                            updates, steps, batchSize, checkpoints, validationBatches, sampleLength));
                }
            }
            if (checkpoints > updates) {
                throw new IllegalArgumentException("checkpoints (" + checkpoints + ") must be <= updates (" + updates + ")");
            }
            if (!(learningRate > 0) || !(temperature > 0)) {
                throw new IllegalArgumentException("learningRate and temperature must be positive, got " + learningRate
                        + " and " + temperature);
            }
        }

        /** H = 64, 600 updates of 16 streams x 32 characters, Adam 0.005, 3 checkpoints, samples of 160 characters at temperature 0.7. */
        public static Config defaults() {
            return new Config(64, 600, 32, 16, 0.005, 3, 4, 160, 0.7);
        }

        public Config withUpdates(int n) {
            return new Config(hidden, n, steps, batchSize, learningRate, Math.min(checkpoints, n), validationBatches,
                    sampleLength, temperature);
        }

        public Config withHidden(int h) {
            return new Config(h, updates, steps, batchSize, learningRate, checkpoints, validationBatches, sampleLength,
                    temperature);
        }
    }

    /** The training and validation text, sharing one vocabulary (every character of the whole text). */
    public record Split(CharCorpus train, CharCorpus validation) {
        public Vocabulary vocabulary() {
            return train.vocabulary();
        }
    }

    /**
     * One trained model.
     *
     * @param history step, loss (training batch), val_loss (at checkpoints)
     * @param samples step, text: a sample drawn at each checkpoint
     * @param trainingSeconds the time spent in updates (sampling and validation excluded)
     * @param charsPerSecond training characters (B x T per update) per second of update time
     */
    public record Result(CellKind kind, ManyToManyModel model, Table history, Table samples, double trainingSeconds,
            double charsPerSecond) {

        /** The training loss averaged over the last {@code window} updates up to each update (fewer at the start). */
        public double[] smoothedLoss(int window) {
            if (window < 1) {
                throw new IllegalArgumentException("window must be >= 1, got " + window);
            }
            DoubleColumn loss = history.doubleColumn("loss");
            double[] out = new double[loss.size()];
            double sum = 0;
            for (int r = 0; r < out.length; r++) {
                sum += loss.get(r);
                if (r >= window) {
                    sum -= loss.get(r - window);
                }
                out[r] = sum / Math.min(r + 1, window);
            }
            return out;
        }

        /** The last recorded validation loss, in nats per character. */
        public double finalValidationLoss() {
            DoubleColumn val = history.doubleColumn("val_loss");
            for (int r = val.size() - 1; r >= 0; r--) {
                if (!val.isMissing(r)) {
                    return val.get(r);
                }
            }
            throw new IllegalStateException("no validation loss recorded");
        }

        /** The mean training loss over the last tenth of the updates (a single batch is noisy). */
        public double finalTrainingLoss() {
            DoubleColumn loss = history.doubleColumn("loss");
            int n = Math.max(1, loss.size() / 10);
            double sum = 0;
            for (int r = loss.size() - n; r < loss.size(); r++) {
                sum += loss.get(r);
            }
            return sum / n;
        }
    }

    private CharLmExperiment() {
    }

    /** Splits {@code text}: the first {@code fraction} trains, the rest validates; one vocabulary for both. */
    public static Split split(String text, double fraction) {
        if (text == null || text.length() < 100) {
            throw new IllegalArgumentException("the text must have at least 100 characters, got "
                    + (text == null ? "null" : text.length()));
        }
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1), got " + fraction);
        }
        int cut = (int) (text.length() * fraction);
        Vocabulary v = Vocabulary.ofChars(text);
        return new Split(new CharCorpus(text.substring(0, cut), v), new CharCorpus(text.substring(cut), v));
    }

    /** A fresh model: cell of this kind reading one-hot characters, linear output over V. */
    public static ManyToManyModel model(Config config, CellKind kind, int vocabularySize, long seed) {
        RecurrentCell cell = kind.create(vocabularySize, config.hidden(), seed);
        return new ManyToManyModel(cell, vocabularySize, Loss.softmaxCrossEntropy(), seed + 500);
    }

    /** Trains one cell kind on the split; validates and samples at each checkpoint. */
    public static Result train(Config config, CellKind kind, Split split, long seed) {
        if (kind == null || split == null) {
            throw new IllegalArgumentException("kind and split must not be null");
        }
        Vocabulary vocab = split.vocabulary();
        ManyToManyModel model = model(config, kind, vocab.size(), seed);
        List<Batch> validation = new ArrayList<>();
        for (int k = 0; k < config.validationBatches(); k++) {
            validation.add(split.validation().chunk(k, config.steps(), config.batchSize()));
        }
        Trainer trainer = new Trainer(model, Optimizer.adam(config.learningRate()))
                .clipping(Clipping.globalNorm(5.0))
                .progress(ProgressListener.NONE);
        Table history = Table.create(kind.label() + " history", IntColumn.create("step"), DoubleColumn.create("loss"),
                DoubleColumn.create("val_loss"));
        Table samples = Table.create(kind.label() + " samples", IntColumn.create("step"), StringColumn.create("text"));
        double seconds = 0;
        int done = 0;
        String prime = split.validation().text().substring(0, 1);
        for (int c = 1; c <= config.checkpoints(); c++) {
            int until = (int) Math.round((double) config.updates() * c / config.checkpoints());
            int offset = done;
            long start = System.nanoTime();
            Table part = trainer.train(until - done, step -> split.train().chunk(offset + step, config.steps(),
                    config.batchSize()));
            seconds += (System.nanoTime() - start) / 1e9;
            for (int r = 0; r < part.rowCount(); r++) {
                history.intColumn("step").append(offset + part.intColumn("step").get(r));
                history.doubleColumn("loss").append(part.doubleColumn("loss").get(r));
                if (r == part.rowCount() - 1) {
                    history.doubleColumn("val_loss").append(validationLoss(model, validation));
                } else {
                    history.doubleColumn("val_loss").appendMissing();
                }
            }
            done = until;
            samples.intColumn("step").append(done);
            samples.stringColumn("text").append(CharSampler.sample(model, vocab, prime, config.sampleLength(),
                    config.temperature(), seed + c));
        }
        double chars = (double) config.updates() * config.steps() * config.batchSize();
        return new Result(kind, model, history, samples, seconds, chars / seconds);
    }

    /**
     * Training and validation loss of every result on one chart: the training loss as a moving average
     * over {@code window} updates (solid line), the validation loss at the checkpoints (dashed, with
     * markers), one colour per cell.
     */
    public static XYChart lossChart(List<Result> results, int window) {
        XYChart chart = Plots.chart("Character model: loss per character", "update", "loss (nats per character)");
        Color[] colours = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};
        int k = 0;
        for (Result r : results) {
            Color colour = colours[k++ % colours.length];
            double[] steps = r.history().intColumn("step").asDoubleArray();
            String name = r.kind().label() + " train (mean of " + window + ")";
            XYSeries train = Plots.line(chart, name, steps, r.smoothedLoss(window)).getSeriesMap().get(name);
            train.setMarker(SeriesMarkers.NONE);
            train.setLineColor(colour);
            Table v = r.history().where(r.history().doubleColumn("val_loss").isNotMissing());
            XYSeries val = chart.addSeries(r.kind().label() + " validation", v.intColumn("step").asDoubleArray(),
                    v.doubleColumn("val_loss").asDoubleArray());
            val.setLineStyle(SeriesLines.DASH_DASH);
            val.setLineColor(colour);
            val.setMarkerColor(colour);
            val.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** The mean loss of the model over the batches, each from a zero state (nats per character). */
    public static double validationLoss(ManyToManyModel model, List<Batch> batches) {
        double total = 0;
        for (Batch b : batches) {
            total += model.loss(b, null);
        }
        return total / batches.size();
    }

    /**
     * The final table: cell, parameters, chars_per_s, train_loss, val_loss, bits_per_char (the
     * validation loss / ln 2).
     */
    public static Table comparison(List<Result> results) {
        Table t = Table.create("cell comparison", StringColumn.create("cell"), IntColumn.create("parameters"),
                DoubleColumn.create("chars_per_s"), DoubleColumn.create("train_loss"), DoubleColumn.create("val_loss"),
                DoubleColumn.create("bits_per_char"));
        for (Result r : results) {
            t.stringColumn("cell").append(r.kind().label());
            t.intColumn("parameters").append(r.model().parameterCount());
            t.doubleColumn("chars_per_s").append(r.charsPerSecond());
            t.doubleColumn("train_loss").append(r.finalTrainingLoss());
            t.doubleColumn("val_loss").append(r.finalValidationLoss());
            t.doubleColumn("bits_per_char").append(r.finalValidationLoss() / Math.log(2));
        }
        return t;
    }
}

package rnnkit.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.cells.RecurrentCell;
import rnnkit.cells.RnnCell;
import rnnkit.cells.State;
import rnnkit.data.OneHot;
import rnnkit.data.Batch;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToManyModel;
import rnnkit.nn.SequenceModel;
import rnnkit.nn.TrainingStep;
import rnnkit.tensor.Matrix;
import rnnkit.train.Clipping;
import rnnkit.train.Optimizer;

/**
 * Measures one training step of a character-level language model, the step every lesson repeats:
 * one-hot input of vocabulary V, one recurrent layer (RNN, GRU or LSTM) of hidden size H, a linear
 * output at every step, mean softmax cross-entropy over the T·B positions, full backpropagation
 * through time, a plain SGD update, and the final state carried into the next step.
 *
 * <pre>
 *   java -cp ... rnnkit.bench.TrainStepBenchmark --cell rnn,gru,lstm --hidden 64,128 --batch 1,32 \
 *        --seq 25 --vocab 65 --threads 1 --seconds 2
 * </pre>
 *
 * <p>For each configuration it warms up for a quarter of {@code --seconds} and until the JIT has
 * been idle for half a second (see {@link #measure}), then times repeats of
 * a few steps each until {@code --seconds} have passed (at least 3 repeats), and prints one JSON
 * object on its own line: chars/s = B·T / (seconds per step), the median over repeats, with the
 * slowest and fastest repeat as {@code min} and {@code max}. Everything runs on the calling thread.
 * The first line describes the machine: CPU, vector widths, JVM options ({@link Machine#json}).
 */
public final class TrainStepBenchmark {

    /**
     * One configuration of the grid. The optimizer is plain SGD unless {@code adagrad} is asked for;
     * clip > 0 clips every gradient entry to [-clip, clip] before the update (min-char-rnn does both).
     */
    public record Config(String cell, int hidden, int batch, int seq, int vocab, String optimizer, double clip) {

        /** Plain SGD, no clipping: the step. */
        public Config(String cell, int hidden, int batch, int seq, int vocab) {
            this(cell, hidden, batch, seq, vocab, "sgd", 0.0);
        }
    }

    /** The measurement of one configuration. */
    public record Result(Config config, double charsPerSecond, double stepsPerSecond, double min, double max, int repeats) {

        /** The JSON line the command prints. */
        public String json() {
            return String.format(Locale.ROOT,
                    "{\"cell\":\"%s\",\"hidden\":%d,\"batch\":%d,\"seq\":%d,\"vocab\":%d,%s\"threads\":1,"
                            + "\"chars_per_s\":%.1f,\"steps_per_s\":%.3f,\"min\":%.1f,\"max\":%.1f,\"repeats\":%d,\"clock\":\"%s\"}",
                    config.cell(), config.hidden(), config.batch(), config.seq(), config.vocab(),
                    config.optimizer().equals("sgd") && config.clip() == 0 ? ""
                            : String.format(Locale.ROOT, "\"optimizer\":\"%s\",\"clip\":%s,", config.optimizer(), config.clip()),
                    charsPerSecond, stepsPerSecond, min, max, repeats, CPU_CLOCK ? "cpu" : "wall");
        }
    }

    private TrainStepBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--kernels")) {
            KernelBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length == 1 && args[0].equals("--gradcheck")) {
            GradientCheckBenchmark.main(args);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        System.out.println(Machine.json());
        for (Config config : options.grid()) {
            System.out.println(measure(config, options.seconds()).json());
            System.out.flush();
        }
    }

    /**
     * Whether intervals are the calling thread's CPU time instead of the wall clock:
     * {@code RNNKIT_CLOCK=cpu} in the environment, as for environment/compare's Python side
     * (environment/compare/run --cpu-time). On a machine shared with other work, the time other
     * processes hold the core then does not count. The step runs on this thread; the JIT's and the
     * garbage collector's threads are left out (after the warm-up the JIT is idle, and a step
     * allocates a few kilobytes).
     */
    static final boolean CPU_CLOCK = "cpu".equals(System.getenv("RNNKIT_CLOCK"));

    private static long now() {
        return CPU_CLOCK ? Machine.cpuNanos() : System.nanoTime();
    }

    /**
     * Measures {@code config}: a warm-up of at least a quarter of {@code seconds} that lasts until the
     * JIT has compiled nothing for half a second of steps (at most 20 s of wall-clock time; a fresh
     * JVM needs a few seconds before the step runs at its final speed), then about three quarters of
     * {@code seconds} of timed repeats.
     */
    public static Result measure(Config config, double seconds) {
        Step step = new Step(config);
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean watchJit = jit != null && jit.isCompilationTimeMonitoringSupported();
        long warmUpEnd = now() + (long) (seconds * 0.25e9);
        long giveUp = System.nanoTime() + 20_000_000_000L;
        long compiled = watchJit ? jit.getTotalCompilationTime() : 0;
        long quietSince = now();
        int stepsPerRepeat = 1;
        while (true) {
            long start = now();
            step.run();
            // Aim for repeats of about 50 ms, so timer resolution never matters.
            stepsPerRepeat = (int) Math.max(1, Math.min(1000, 50e6 / Math.max(1, now() - start)));
            long compiledNow = watchJit ? jit.getTotalCompilationTime() : compiled;
            if (compiledNow != compiled) {
                compiled = compiledNow;
                quietSince = now();
            }
            boolean jitQuiet = now() - quietSince >= 500_000_000L;
            if (now() >= warmUpEnd && (jitQuiet || System.nanoTime() > giveUp)) {
                break;
            }
        }
        List<Double> charsPerSecond = new ArrayList<>();
        long end = now() + (long) (seconds * 0.75e9);
        while (charsPerSecond.size() < 3 || now() < end) {
            long start = now();
            for (int k = 0; k < stepsPerRepeat; k++) {
                step.run();
            }
            double perStep = (now() - start) / 1e9 / stepsPerRepeat;
            charsPerSecond.add(config.batch() * config.seq() / perStep);
        }
        double[] sorted = charsPerSecond.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return new Result(config, median, median / (config.batch() * config.seq()), sorted[0], sorted[sorted.length - 1],
                sorted.length);
    }

    /** The training step being measured, with its model, data and carried state. */
    static final class Step {
        private final SequenceModel model;
        private final TrainingStep training;
        private final Optimizer optimizer;
        private final Clipping clipping;
        private final List<Batch> batches = new ArrayList<>();
        private State carried;
        private int next;

        Step(Config c) {
            RecurrentCell cell = switch (c.cell()) {
                case "rnn" -> new RnnCell(c.vocab(), c.hidden(), 1);
                case "gru" -> new GruCell(c.vocab(), c.hidden(), 1);
                case "lstm" -> new LstmCell(c.vocab(), c.hidden(), 1);
                default -> throw new IllegalArgumentException("cell must be rnn, gru or lstm, got '" + c.cell() + "'");
            };
            model = new ManyToManyModel(cell, c.vocab(), Loss.softmaxCrossEntropy(), 2);
            training = new TrainingStep(model);
            optimizer = c.optimizer().equals("adagrad") ? Optimizer.adagrad(0.1) : Optimizer.sgd(0.01);
            clipping = c.clip() > 0 ? Clipping.value(c.clip()) : Clipping.none();
            Random random = new Random(3);
            for (int b = 0; b < 4; b++) {   // a few different batches, used in turn
                List<Matrix> inputs = new ArrayList<>();
                List<Matrix> targets = new ArrayList<>();
                int[] ids = randomIds(random, c.batch(), c.vocab());
                for (int t = 0; t < c.seq(); t++) {
                    int[] nextIds = randomIds(random, c.batch(), c.vocab());
                    inputs.add(OneHot.rows(ids, c.vocab()));
                    targets.add(OneHot.rows(nextIds, c.vocab()));
                    ids = nextIds;
                }
                batches.add(new Batch(inputs, targets, true));
            }
        }

        void run() {
            SequenceModel.Gradients g = training.gradients(batches.get(next), carried);
            next = (next + 1) % batches.size();
            carried = g.finalState();
            clipping.apply(g.gradients());
            optimizer.step(model.parameters(), g.gradients());
        }

        /** The loss of the batch the next step will use, from the carried state (for tests). */
        double lossOfNextBatch() {
            return model.loss(batches.get(next), carried);
        }

        private static int[] randomIds(Random random, int batch, int vocab) {
            int[] ids = new int[batch];
            for (int b = 0; b < batch; b++) {
                ids[b] = random.nextInt(vocab);
            }
            return ids;
        }
    }

    /** The command line: a grid of configurations and the time for each. */
    record Options(List<String> cells, int[] hidden, int[] batch, int[] seq, int vocab, String optimizer, double clip,
            double seconds) {

        static final String USAGE = "usage: bench [--cell rnn,gru,lstm] [--hidden 64,128,256] [--batch 1,32] [--seq 25,100]"
                + " [--vocab 65] [--threads 1] [--optimizer sgd|adagrad] [--clip 5] [--seconds 2]\n"
                + "       bench --kernels [--seconds 1]   (GFLOP/s of the matrix products underneath)\n"
                + "       bench --gradcheck               (time of each cell's gradient check, H = 8, T = 20)";

        static Options parse(String[] args) {
            List<String> cells = List.of("rnn", "gru", "lstm");
            int[] hidden = {64, 128, 256};
            int[] batch = {1, 32};
            int[] seq = {25, 100};
            int vocab = 65;
            double seconds = 2;
            String optimizer = "sgd";
            double clip = 0.0;
            for (int k = 0; k < args.length; k++) {
                String flag = args[k];
                if (k + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++k];
                switch (flag) {
                    case "--cell" -> {
                        cells = List.of(value.split(","));
                        for (String c : cells) {
                            if (!List.of("rnn", "gru", "lstm").contains(c)) {
                                throw new IllegalArgumentException("--cell: '" + c + "' is not rnn, gru or lstm");
                            }
                        }
                    }
                    case "--hidden" -> hidden = positives(flag, value);
                    case "--batch" -> batch = positives(flag, value);
                    case "--seq" -> seq = positives(flag, value);
                    case "--vocab" -> vocab = positives(flag, value)[0];
                    case "--optimizer" -> {
                        if (!List.of("sgd", "adagrad").contains(value)) {
                            throw new IllegalArgumentException("--optimizer: '" + value + "' is not sgd or adagrad");
                        }
                        optimizer = value;
                    }
                    case "--clip" -> {
                        clip = Double.parseDouble(value);
                        if (!(clip > 0) || !Double.isFinite(clip)) {
                            throw new IllegalArgumentException("--clip must be a positive number, got " + value);
                        }
                    }
                    case "--threads" -> {
                        if (!value.equals("1")) {
                            throw new IllegalArgumentException("--threads: the library runs one training step on one thread;"
                                    + " only 1 is supported, got " + value);
                        }
                    }
                    case "--seconds" -> {
                        seconds = Double.parseDouble(value);
                        if (!(seconds > 0) || seconds > 600) {
                            throw new IllegalArgumentException("--seconds must be in (0, 600], got " + value);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            return new Options(cells, hidden, batch, seq, vocab, optimizer, clip, seconds);
        }

        /** Every combination of cell, hidden size, batch size and sequence length, in that order. */
        List<Config> grid() {
            List<Config> grid = new ArrayList<>();
            for (String c : cells) {
                for (int h : hidden) {
                    for (int b : batch) {
                        for (int t : seq) {
                            grid.add(new Config(c, h, b, t, vocab, optimizer, clip));
                        }
                    }
                }
            }
            return grid;
        }

        private static int[] positives(String flag, String value) {
            try {
                int[] values = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                if (Arrays.stream(values).allMatch(v -> v >= 1)) {
                    return values;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(flag + " takes positive whole numbers separated by commas, got '" + value + "'");
        }
    }
}

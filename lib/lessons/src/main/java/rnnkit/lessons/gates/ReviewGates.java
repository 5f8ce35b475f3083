package rnnkit.lessons.gates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rnnkit.cells.Trace;
import rnnkit.nn.SequenceModel;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a trained review model's gates do with each kind of word: the mean of each gate (over units and
 * over every occurrence) for opinion words, function words and the words naming a part of the film.
 *
 * <p>Besides the gates a cell records, one derived quantity can be asked for: {@code "write"}, the mean
 * of |i ⊙ g| for an LSTM, that is how much the word actually adds to the cell state.
 */
public final class ReviewGates {

    /** The word classes, in table order. */
    public static final List<String> CLASSES = List.of("opinion", "function", "film part");

    private ReviewGates() {
    }

    /** The class of a word: "opinion", "function" or "film part". */
    public static String classOf(String word) {
        return Reviews.isSentimentWord(word) ? "opinion" : Reviews.isStopWord(word) ? "function" : "film part";
    }

    /**
     * One row per word class with its number of word occurrences and the mean of each quantity
     * (gate names of the model's cell, or "write" for an LSTM), over the given reviews run one at a time
     * from a zero state.
     *
     * @throws IllegalArgumentException if a quantity is not a gate of the cell (nor "write" with gates i and g)
     */
    public static Table byClass(SequenceModel model, List<Reviews.Review> reviews, String... quantities) {
        List<String> gates = model.cell().gateNames();
        for (String q : quantities) {
            boolean ok = q.equals("write") ? gates.contains("i") && gates.contains("g") : gates.contains(q);
            if (!ok) {
                throw new IllegalArgumentException("quantity '" + q + "' is not available; the cell records " + gates
                        + (gates.contains("i") ? " and \"write\"" : ""));
            }
        }
        Map<String, double[]> sums = new LinkedHashMap<>();
        int[] counts = new int[CLASSES.size()];
        for (String c : CLASSES) {
            sums.put(c, new double[quantities.length]);
        }
        for (Reviews.Review review : reviews) {
            Trace trace = model.forward(Reviews.encode(review.words()), null).trace();
            for (int t = 1; t <= trace.steps(); t++) {
                String c = classOf(review.words().get(t - 1));
                counts[CLASSES.indexOf(c)]++;
                double[] s = sums.get(c);
                for (int k = 0; k < quantities.length; k++) {
                    s[k] += GateTables.meanOverUnits(trace, quantities[k], 0, t);
                }
            }
        }
        Table table = Table.create("gates by word class");
        table.addColumns(StringColumn.create("word class", CLASSES), IntColumn.create("words", counts));
        for (int k = 0; k < quantities.length; k++) {
            double[] col = new double[CLASSES.size()];
            for (int c = 0; c < CLASSES.size(); c++) {
                col[c] = counts[c] == 0 ? Double.NaN : sums.get(CLASSES.get(c))[k] / counts[c];
            }
            table.addColumns(DoubleColumn.create(quantities[k], col));
        }
        return table;
    }
}

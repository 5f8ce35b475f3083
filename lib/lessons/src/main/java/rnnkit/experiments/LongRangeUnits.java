package rnnkit.experiments;

import java.util.List;
import java.util.Map;

import rnnkit.cells.Trace;
import rnnkit.data.OneHot;
import rnnkit.data.Vocabulary;
import rnnkit.nn.ManyToManyModel;
import rnnkit.tensor.Matrix;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Looking for units of a character model that follow a property of the text (brace depth, being
 * inside a comment, ...): run the model over a passage, then correlate every state value with every
 * signal ({@link UnitFinder}).
 *
 * <pre>{@code
 * Table found = LongRangeUnits.search(model, vocab, passage, Map.of("brace depth", SourceText.braceDepth(passage)));
 * int row = LongRangeUnits.strongest(found);
 * }</pre>
 */
public final class LongRangeUnits {

    private LongRangeUnits() {
    }

    /** The model's state over the passage, read from a zero state: part ("h" or "c") after each character, T x H. */
    public static Matrix states(ManyToManyModel model, Vocabulary vocabulary, String passage, String part) {
        if (passage == null || passage.length() < 2) {
            throw new IllegalArgumentException("passage must have at least 2 characters");
        }
        List<Matrix> xs = OneHot.sequence(new int[][] {vocabulary.encodeChars(passage)}, vocabulary.size());
        Trace trace = model.forward(xs, null).trace();
        return UnitFinder.stateOverTime(trace, part, 0);
    }

    /**
     * For every signal (one value per character of the passage) and every part of the state, the
     * unit with the largest |correlation|: columns signal, state, unit, correlation.
     */
    public static Table search(ManyToManyModel model, Vocabulary vocabulary, String passage, Map<String, double[]> signals) {
        return search(model, vocabulary, passage, signals, null);
    }

    /**
     * As {@link #search(ManyToManyModel, Vocabulary, String, Map)}, with the correlation taken only over
     * the characters where {@code keep[k]} is true (all when null). Keeping only letters, say, leaves
     * out the characters that give a signal away on their own (the spaces of an indentation, the
     * {@code *} of a comment line), so what remains must come from the state's memory.
     */
    public static Table search(ManyToManyModel model, Vocabulary vocabulary, String passage, Map<String, double[]> signals,
            boolean[] keep) {
        if (keep != null && keep.length != passage.length()) {
            throw new IllegalArgumentException("keep has " + keep.length + " values but the passage has " + passage.length()
                    + " characters");
        }
        if (signals == null || signals.isEmpty()) {
            throw new IllegalArgumentException("signals must name at least one signal");
        }
        Table t = Table.create("units that follow the text", StringColumn.create("signal"), StringColumn.create("state"),
                IntColumn.create("unit"), DoubleColumn.create("correlation"));
        List<String> parts = model.cell().stateNames();
        Matrix[] states = new Matrix[parts.size()];
        for (int p = 0; p < parts.size(); p++) {
            states[p] = select(states(model, vocabulary, passage, parts.get(p)), keep);
        }
        for (Map.Entry<String, double[]> e : signals.entrySet()) {
            if (e.getValue().length != passage.length()) {
                throw new IllegalArgumentException("signal '" + e.getKey() + "' has " + e.getValue().length
                        + " values but the passage has " + passage.length() + " characters");
            }
            for (int p = 0; p < parts.size(); p++) {
                UnitFinder.Found f = UnitFinder.bestCorrelated(states[p], select(e.getValue(), keep));
                t.stringColumn("signal").append(e.getKey());
                t.stringColumn("state").append(parts.get(p));
                t.intColumn("unit").append(f.unit());
                t.doubleColumn("correlation").append(f.correlation());
            }
        }
        return t;
    }

    /** The characters of {@code text} that are letters (a to z, A to Z), as a mask for {@link #search}. */
    public static boolean[] letters(String text) {
        boolean[] out = new boolean[text.length()];
        for (int k = 0; k < out.length; k++) {
            char ch = text.charAt(k);
            out[k] = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
        }
        return out;
    }

    private static Matrix select(Matrix m, boolean[] keep) {
        if (keep == null) {
            return m;
        }
        int n = 0;
        for (boolean b : keep) {
            n += b ? 1 : 0;
        }
        Matrix out = Matrix.zeros(n, m.cols());
        int r = 0;
        for (int k = 0; k < keep.length; k++) {
            if (keep[k]) {
                for (int j = 0; j < m.cols(); j++) {
                    out.set(r, j, m.get(k, j));
                }
                r++;
            }
        }
        return out;
    }

    private static double[] select(double[] xs, boolean[] keep) {
        if (keep == null) {
            return xs;
        }
        return java.util.stream.IntStream.range(0, xs.length).filter(k -> keep[k]).mapToDouble(k -> xs[k]).toArray();
    }

    /** The row of a {@link #search} table with the largest |correlation|. */
    public static int strongest(Table found) {
        int best = 0;
        for (int r = 1; r < found.rowCount(); r++) {
            if (Math.abs(found.doubleColumn("correlation").get(r)) > Math.abs(found.doubleColumn("correlation").get(best))) {
                best = r;
            }
        }
        return best;
    }

    /**
     * One unit over characters [from, to) of the passage, with the signal rescaled linearly onto the
     * unit's range over that stretch (so both fit one chart): columns position, character,
     * activation, "signal (scaled)".
     */
    public static Table trace(ManyToManyModel model, Vocabulary vocabulary, String passage, String part, int unit,
            double[] signal, int from, int to) {
        int end = Math.min(to, passage.length());
        if (from < 0 || from >= end) {
            throw new IllegalArgumentException("from and to must give a stretch inside the passage of " + passage.length()
                    + " characters, got [" + from + ", " + to + ")");
        }
        double[] act = UnitFinder.unit(states(model, vocabulary, passage, part), unit);
        double aMin = Double.POSITIVE_INFINITY;
        double aMax = Double.NEGATIVE_INFINITY;
        double sMin = Double.POSITIVE_INFINITY;
        double sMax = Double.NEGATIVE_INFINITY;
        for (int k = from; k < end; k++) {
            aMin = Math.min(aMin, act[k]);
            aMax = Math.max(aMax, act[k]);
            sMin = Math.min(sMin, signal[k]);
            sMax = Math.max(sMax, signal[k]);
        }
        Table t = Table.create(part + "[" + unit + "]", IntColumn.create("position"), StringColumn.create("character"),
                DoubleColumn.create("activation"), DoubleColumn.create("signal (scaled)"));
        for (int k = from; k < end; k++) {
            double s = sMax == sMin ? aMin : aMin + (signal[k] - sMin) / (sMax - sMin) * (aMax - aMin);
            t.intColumn("position").append(k);
            t.stringColumn("character").append(String.valueOf(passage.charAt(k)));
            t.doubleColumn("activation").append(act[k]);
            t.doubleColumn("signal (scaled)").append(s);
        }
        return t;
    }
}

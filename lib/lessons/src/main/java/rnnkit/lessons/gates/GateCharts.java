package rnnkit.lessons.gates;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

import rnnkit.cells.Trace;
import rnnkit.plot.Plots;
import rnnkit.tensor.Matrix;

/**
 * Heatmaps of gate activations: time steps (words) along x, hidden units or gates along y, the gate's
 * value as colour on a fixed 0..1 scale (white = closed, dark blue = open), so two heatmaps compare by eye.
 *
 * <pre>{@code
 * GateCharts.units("Update gate z", trace, "z", 0, words)          // (T x H) of example 0
 * GateCharts.means("Gates per word", trace, 0, words, "i", "f", "o") // mean over units, one row per gate
 * }</pre>
 */
public final class GateCharts {

    private GateCharts() {
    }

    /**
     * One gate of one example, per time step and hidden unit: {@code trace.gateOverTime(gate, example)}
     * drawn with the words along x and the units 0..H-1 along y.
     *
     * @throws IllegalArgumentException if words does not have one entry per step of the trace
     */
    public static HeatMapChart units(String title, Trace trace, String gate, int example, List<String> words) {
        Matrix values = trace.gateOverTime(gate, example); // (T, H)
        checkWords(words, values.rows());
        List<String> units = new ArrayList<>();
        for (int j = 0; j < values.cols(); j++) {
            units.add(Integer.toString(j));
        }
        return heatmap(title, "hidden unit", values, words, units);
    }

    /**
     * The mean over hidden units of each named gate, per step: one row per gate, one column per word.
     *
     * @throws IllegalArgumentException if no gate is named or words does not match the trace's steps
     */
    public static HeatMapChart means(String title, Trace trace, int example, List<String> words, String... gates) {
        if (gates.length == 0) {
            throw new IllegalArgumentException("gates: name at least one of " + trace.gateNames());
        }
        checkWords(words, trace.steps());
        Matrix values = Matrix.zeros(trace.steps(), gates.length); // (T, number of gates)
        for (int k = 0; k < gates.length; k++) {
            Matrix g = trace.gateOverTime(gates[k], example);
            for (int t = 0; t < g.rows(); t++) {
                values.set(t, k, g.rowAt(t).sum() / g.cols());
            }
        }
        return heatmap(title, "gate (mean over units)", values, words, List.of(gates));
    }

    /**
     * A heatmap of {@code values} (T x N, entries expected in [0, 1]) with column labels {@code steps}
     * (length T, along x) and row labels {@code rows} (length N, along y).
     */
    public static HeatMapChart heatmap(String title, String yLabel, Matrix values, List<String> steps, List<String> rows) {
        if (steps.size() != values.rows() || rows.size() != values.cols()) {
            throw new IllegalArgumentException("heatmap: values are " + values.shape() + " but there are " + steps.size()
                    + " step labels and " + rows.size() + " row labels");
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT).title(title)
                .xAxisTitle("word (time step)").yAxisTitle(yLabel).build();
        chart.getStyler().setMin(0.0).setMax(1.0);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x9ecae1), new Color(0x08306b)});
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(60);
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < values.rows(); t++) {
            for (int k = 0; k < values.cols(); k++) {
                cells.add(new Number[] {t, k, values.get(t, k)});
            }
        }
        chart.addSeries("gate value (0 closed, 1 open)", distinct(steps), rows, cells);
        return chart;
    }

    /** Labels that are distinct (a repeated word gets its step number), as a category axis needs. */
    static List<String> distinct(List<String> labels) {
        List<String> out = new ArrayList<>();
        for (int t = 0; t < labels.size(); t++) {
            String label = labels.get(t);
            out.add(labels.indexOf(label) == t && labels.lastIndexOf(label) == t ? label : label + " (" + (t + 1) + ")");
        }
        return out;
    }

    private static void checkWords(List<String> words, int steps) {
        if (words == null || words.size() != steps) {
            throw new IllegalArgumentException("words: expected one label per step (" + steps + "), got "
                    + (words == null ? "null" : words.size()));
        }
    }
}

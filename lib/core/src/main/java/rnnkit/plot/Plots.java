package rnnkit.plot;

import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Line charts for the lessons, in one call. The charts are ordinary XChart {@link XYChart}s:
 * a notebook shows one inline by making it the last expression of a cell, and can restyle it
 * with XChart's own API.
 *
 * <pre>{@code
 * Plots.lines("Loss", history, "step", "loss", "val_loss")      // one series per column
 * Plots.logY(Plots.lines("Gradient norm", table, "lag", "rnn", "lstm"))
 * Plots.lossCurves(history)                                      // step against loss (and val_loss)
 * }</pre>
 */
public final class Plots {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 400;

    private Plots() {
    }

    /** An empty chart with the kit's size and style, for adding series by hand. */
    public static XYChart chart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        XYStyler styler = chart.getStyler();
        // Outside, so it never hides a line. (Below the plot, XChart labels every integer of a short x range.)
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        styler.setPlotBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }

    /**
     * Column {@code x} of {@code table} against each of the columns {@code ys}, one line per column,
     * named after it. Rows where either value is missing are left out of that line.
     *
     * @throws IllegalArgumentException if a column is absent or not numeric, naming it and the table's columns
     */
    public static XYChart lines(String title, Table table, String x, String... ys) {
        return lines(title, ys.length == 1 ? ys[0] : "value", table, x, ys);
    }

    /** As {@link #lines(String, Table, String, String...)}, with the y axis titled {@code yLabel}. */
    public static XYChart lines(String title, String yLabel, Table table, String x, String... ys) {
        if (ys.length == 0) {
            throw new IllegalArgumentException("lines: name at least one y column of " + table.columnNames());
        }
        XYChart chart = chart(title, x, yLabel);
        NumericColumn<?> xs = numeric(table, x);
        for (String y : ys) {
            add(chart, y, xs, numeric(table, y));
        }
        return chart;
    }

    /** Adds a line through the points (xs[k], ys[k]); returns the chart. */
    public static XYChart line(XYChart chart, String name, double[] xs, double[] ys) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("line '" + name + "': " + xs.length + " x values but " + ys.length + " y values");
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(xs.length > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        roundXTicks(chart, xs, ys);
        return chart;
    }

    /** The name of the invisible point that {@link #roundXTicks} adds. */
    static final String TICK_HELPER = "\u200b";

    /**
     * XChart puts the x ticks on the data's own values when they are equally spaced, which on a long
     * run of steps 1, 2, ..., 800 gives crowded labels such as "1 46 91 136…". One invisible point half a
     * step in from the first breaks the even spacing, so XChart picks round ticks (0, 100, 200, …). Short
     * series (up to 15 points) keep a tick on every value.
     */
    private static void roundXTicks(XYChart chart, double[] xs, double[] ys) {
        if (xs.length <= 15 || chart.getSeriesMap().containsKey(TICK_HELPER) || !Double.isFinite(ys[0])) {
            return;
        }
        XYSeries helper = chart.addSeries(TICK_HELPER, new double[] {xs[0] + (xs[1] - xs[0]) / 2}, new double[] {ys[0]});
        helper.setShowInLegend(false);
        helper.setMarker(SeriesMarkers.NONE);
        helper.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE);
    }

    /**
     * The training history of a model ({@code step} against {@code loss}, and {@code val_loss} when the
     * history has it) as one chart.
     */
    public static XYChart lossCurves(Table history) {
        return history.columnNames().contains("val_loss")
                ? lines("Loss", history, "step", "loss", "val_loss")
                : lines("Loss", history, "step", "loss");
    }

    /**
     * Switches the y axis to a logarithmic scale, for magnitudes that span decades; returns the chart.
     *
     * @throws IllegalArgumentException if a series has a value that is zero or negative, naming the
     *     series, the point and the value (a log axis cannot show it)
     */
    public static XYChart logY(XYChart chart) {
        for (XYSeries series : chart.getSeriesMap().values()) {
            double[] xs = series.getXData();
            double[] ys = series.getYData();
            for (int k = 0; k < ys.length; k++) {
                if (!(ys[k] > 0)) {
                    throw new IllegalArgumentException("logY: series '" + series.getName() + "' has y = " + ys[k]
                            + " at x = " + xs[k] + "; a logarithmic axis needs every value > 0");
                }
            }
        }
        chart.getStyler().setYAxisLogarithmic(true);
        return chart;
    }

    private static void add(XYChart chart, String name, NumericColumn<?> xs, NumericColumn<?> ys) {
        List<double[]> points = new ArrayList<>();
        for (int r = 0; r < xs.size(); r++) {
            if (!xs.isMissing(r) && !ys.isMissing(r)) {
                points.add(new double[] {xs.getDouble(r), ys.getDouble(r)});
            }
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException("column '" + name + "' has no value to plot");
        }
        double[] px = new double[points.size()];
        double[] py = new double[points.size()];
        for (int k = 0; k < px.length; k++) {
            px[k] = points.get(k)[0];
            py[k] = points.get(k)[1];
        }
        line(chart, name, px, py);
    }

    private static NumericColumn<?> numeric(Table table, String name) {
        if (!table.columnNames().contains(name)) {
            throw new IllegalArgumentException("no column '" + name + "' in table '" + table.name()
                    + "'; its columns are " + table.columnNames());
        }
        if (!(table.column(name) instanceof NumericColumn<?> column)) {
            throw new IllegalArgumentException("column '" + name + "' is " + table.column(name).type()
                    + ", not numeric, so it cannot be plotted");
        }
        return column;
    }
}

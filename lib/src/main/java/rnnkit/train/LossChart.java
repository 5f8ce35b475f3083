package rnnkit.train;

import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/** Turns a training history into an XChart line chart: loss (and val_loss when present) against step. */
public final class LossChart {

    private LossChart() {
    }

    /** The loss curve of a history from {@link Trainer#train}, 640 x 400. */
    public static XYChart of(Table history) {
        return of(history, "Training loss");
    }

    public static XYChart of(Table history, String title) {
        if (history == null || !history.containsColumn("step") || !history.containsColumn("loss")) {
            throw new IllegalArgumentException("history must have the columns step and loss, got "
                    + (history == null ? "null" : history.columnNames()));
        }
        XYChart chart = new XYChartBuilder().width(640).height(400).title(title).xAxisTitle("step").yAxisTitle("loss").build();
        chart.getStyler().setMarkerSize(5);
        addSeries(chart, history, "loss").setMarker(SeriesMarkers.NONE);
        if (history.containsColumn("val_loss")) {
            addSeries(chart, history, "val_loss").setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    private static org.knowm.xchart.XYSeries addSeries(XYChart chart, Table history, String column) {
        NumericColumn<?> steps = history.numberColumn("step");
        NumericColumn<?> values = history.numberColumn(column);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < history.rowCount(); i++) {
            if (!values.isMissing(i)) {
                xs.add(steps.getDouble(i));
                ys.add(values.getDouble(i));
            }
        }
        return chart.addSeries(column, xs, ys);
    }
}

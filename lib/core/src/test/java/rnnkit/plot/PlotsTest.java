package rnnkit.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

@DisplayName("Plots")
class PlotsTest {

    static Table history() {
        return Table.create("history",
                IntColumn.create("step", 1, 2, 3, 4),
                DoubleColumn.create("loss", 4.0, 2.0, 1.0, 0.5),
                DoubleColumn.create("val_loss", Double.NaN, 2.5, Double.NaN, 1.0),
                StringColumn.create("note", "a", "b", "c", "d"));
    }

    @Test
    @DisplayName("a long run of equally spaced steps gets an invisible point, so XChart picks round x ticks")
    void roundTicks() {
        double[] xs = new double[100], ys = new double[100];
        for (int k = 0; k < 100; k++) {
            xs[k] = k + 1;
            ys[k] = 1.0 / (k + 1);
        }
        var chart = Plots.line(Plots.chart("t", "step", "loss"), "loss", xs, ys);
        var helper = chart.getSeriesMap().get(Plots.TICK_HELPER);
        assertTrue(helper != null && !helper.isShowInLegend());
        assertArrayEquals(new double[] {1.5}, helper.getXData());
        Plots.logY(chart);                                   // the helper's y is one of the data's, so a log axis works
        assertEquals(1, Plots.line(Plots.chart("t", "x", "y"), "short", new double[] {1, 2}, new double[] {3, 4})
                .getSeriesMap().size());
    }

    @Test
    @DisplayName("draws one line per column, named and labelled after the columns")
    void lines() {
        var chart = Plots.lines("Loss", history(), "step", "loss");
        assertEquals("step", chart.getXAxisTitle());
        assertEquals("loss", chart.getYAxisTitle());
        assertArrayEquals(new double[] {4.0, 2.0, 1.0, 0.5}, chart.getSeriesMap().get("loss").getYData());
    }

    @Test
    @DisplayName("leaves missing values out of a line")
    void missing() {
        var chart = Plots.lossCurves(history());
        assertEquals(2, chart.getSeriesMap().size());
        assertArrayEquals(new double[] {2, 4}, chart.getSeriesMap().get("val_loss").getXData());
        assertArrayEquals(new double[] {2.5, 1.0}, chart.getSeriesMap().get("val_loss").getYData());
    }

    @Test
    @DisplayName("names a missing or non-numeric column and lists the table's columns")
    void badColumns() {
        var e = assertThrows(IllegalArgumentException.class, () -> Plots.lines("x", history(), "step", "los"));
        assertEquals("no column 'los' in table 'history'; its columns are [step, loss, val_loss, note]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Plots.lines("x", history(), "step", "note"));
        assertEquals("column 'note' is STRING, not numeric, so it cannot be plotted", e.getMessage());
    }

    @Test
    @DisplayName("switches to a log axis only when every value is positive, else names the point")
    void logAxis() {
        assertTrue(Plots.logY(Plots.lines("x", history(), "step", "loss")).getStyler().isYAxisLogarithmic());
        var chart = Plots.line(Plots.chart("g", "lag", "norm"), "rnn", new double[] {0, 1}, new double[] {1e-3, 0});
        var e = assertThrows(IllegalArgumentException.class, () -> Plots.logY(chart));
        assertEquals("logY: series 'rnn' has y = 0.0 at x = 1.0; a logarithmic axis needs every value > 0", e.getMessage());
    }
}

package rnnkit.lessons.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;

import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.cells.Trace;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToOneModel;
import rnnkit.tensor.Matrix;
import tech.tablesaw.api.Table;

@DisplayName("GateCharts, GateTables and ReviewGates")
class GateChartsTest {

    private final List<String> words = Reviews.articleReview().words();
    private final Trace gru = new GruCell(Reviews.vocabulary().size(), 6, 3).forward(Reviews.encode(words));
    private final Trace lstm = new LstmCell(Reviews.vocabulary().size(), 5, 3).forward(Reviews.encode(words));

    @Test
    @DisplayName("a unit heatmap has one cell per step and unit holding the gate's value, labelled axes, and renders")
    void unitHeatmap() {
        HeatMapChart chart = GateCharts.units("Update gate z", gru, "z", 0, words);
        List<? extends Number[]> cells = chart.getHeatMapSeries().getHeatData();
        assertEquals(words.size() * 6, cells.size());
        Number[] c = cells.get(4 * 6 + 2); // step 5, unit 2
        assertEquals(4, c[0].intValue());
        assertEquals(2, c[1].intValue());
        assertEquals(gru.gate("z", 5).get(0, 2), c[2].doubleValue());
        assertEquals("word (time step)", chart.getXAxisTitle());
        assertEquals("hidden unit", chart.getYAxisTitle());
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        assertEquals(640, image.getWidth());
    }

    @Test
    @DisplayName("repeated words get their step number so the category axis keeps every column")
    void distinctLabels() {
        List<String> labels = GateCharts.distinct(words);
        assertEquals(words.size(), labels.stream().distinct().count());
        assertEquals("the (1)", labels.get(0));
        assertEquals("dry", labels.get(4));
    }

    @Test
    @DisplayName("a means heatmap and the per-word table agree with the trace")
    void meansAndTable() {
        HeatMapChart chart = GateCharts.means("LSTM gates", lstm, 0, words, "i", "f", "o");
        assertEquals(words.size() * 3, chart.getHeatMapSeries().getHeatData().size());
        Table table = GateTables.perWord(lstm, 0, words, "i", "f", "write");
        Matrix i7 = lstm.gate("i", 7);
        assertEquals(i7.sum() / 5, table.doubleColumn("i").get(6), 1e-15);
        assertEquals(i7.times(lstm.gate("g", 7)).map(Math::abs).sum() / 5, table.doubleColumn("write").get(6), 1e-15);
        assertEquals("the", table.stringColumn("word").get(6));
    }

    @Test
    @DisplayName("review gates by word class count every word once")
    void byClass() {
        ManyToOneModel model = ManyToOneModel.withEmbedding(Reviews.vocabulary().size(), new LstmCell(4, 5, 1), 2,
                Loss.softmaxCrossEntropy(), 1);
        List<Reviews.Review> reviews = new Reviews(1).next(20);
        Table t = ReviewGates.byClass(model, reviews, "i", "f", "write");
        int words = reviews.stream().mapToInt(r -> r.words().size()).sum();
        assertEquals(words, t.intColumn("words").sum());
        for (int r = 0; r < 3; r++) {
            double f = t.doubleColumn("f").get(r);
            assertTrue(f > 0 && f < 1, "f is a gate: " + f);
        }
    }

    @Test
    @DisplayName("refuses labels that do not match the steps, and unknown gates")
    void badArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GateCharts.units("z", gru, "z", 0, words.subList(0, 3)));
        assertTrue(e.getMessage().contains("words"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GateTables.perWord(gru, 0, words, "write"));
        assertThrows(IllegalArgumentException.class, () -> GateCharts.means("none", gru, 0, words));
        ManyToOneModel model = ManyToOneModel.withEmbedding(Reviews.vocabulary().size(), new GruCell(4, 5, 1), 2,
                Loss.softmaxCrossEntropy(), 1);
        assertThrows(IllegalArgumentException.class, () -> ReviewGates.byClass(model, new Reviews(1).next(2), "write"));
    }
}

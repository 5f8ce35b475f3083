package rnnkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

@DisplayName("Live training progress in a notebook")
class NotebookProgressTest {

    /** Records what the display would show. */
    static final class Recorder implements NotebookProgress.Sink {
        final List<String> lines = new ArrayList<>();
        final List<BufferedImage> charts = new ArrayList<>();

        @Override
        public void line(String text) {
            lines.add(text);
        }

        @Override
        public void chart(BufferedImage image, String alt) {
            charts.add(image);
        }
    }

    @Test
    @DisplayName("a run under 2 s shows nothing, not even at the end")
    void shortRunShowsNothing() {
        Recorder r = new Recorder();
        NotebookProgress p = new NotebookProgress(r, null);
        for (int step = 1; step <= 100; step++) {
            p.step(step, 100, 1.0 / step, step * 0.0199);
        }
        p.finished(100, 0.01, 1.99);
        assertEquals(List.of(), r.lines);
        assertEquals(List.of(), r.charts);
    }

    @Test
    @DisplayName("a longer run draws line and curve at most twice a second, then the whole run at the end")
    void longRunDrawsLiveAndFinal() {
        Recorder r = new Recorder();
        NotebookProgress p = new NotebookProgress(r, "LSTM");
        int steps = 1000;
        for (int step = 1; step <= steps; step++) {
            p.step(step, steps, 2.0 * Math.exp(-step / 100.0), step * 0.005);       // 5 s in all
        }
        p.finished(steps, 2.0 * Math.exp(-10), 5.0);
        // shown from 2 s, every 0.5 s: 2.0, 2.5, ..., 5.0 (7 updates), then the final one
        assertEquals(r.lines.size(), r.charts.size());
        assertTrue(r.lines.size() >= 7 && r.lines.size() <= 8, r.lines.toString());
        assertTrue(r.lines.get(0).startsWith("LSTM: step 400/1000  loss 0.03663  2.0 s"), r.lines.get(0));
        assertEquals("LSTM: step 1000/1000  loss 9.080e-5  5.0 s, done", r.lines.get(r.lines.size() - 1));
        BufferedImage last = r.charts.get(r.charts.size() - 1);
        assertEquals(NotebookProgress.WIDTH, last.getWidth());
        assertEquals(NotebookProgress.HEIGHT, last.getHeight());
        assertEquals(steps, p.recorded());
    }

    @Test
    @DisplayName("the curve of a long run is drawn from a bounded number of points, ending at the last step")
    void curveIsThinned() {
        NotebookProgress p = new NotebookProgress(new Recorder(), null);
        for (int step = 1; step <= 10_000; step++) {
            p.step(step, 20_000, 1.0, 0.0);
        }
        XYChart chart = p.chart(20_000, false);
        double[] xs = chart.getSeriesMap().get("loss").getXData();
        assertTrue(xs.length <= NotebookProgress.MAX_POINTS + 1, "points: " + xs.length);
        assertEquals(10_000.0, xs[xs.length - 1]);
        assertEquals("Training loss (live)", chart.getTitle());
        assertEquals("Training loss", p.chart(20_000, true).getTitle());
    }

    @Test
    @DisplayName("work progress appears after 2 s, at most twice a second, and ends with its final count")
    void workProgress() {
        List<String> lines = new ArrayList<>();
        NotebookWorkProgress w = new NotebookWorkProgress(lines::add);
        w.show("runs", 1, 15, "RNN seed 1", 1.0, false);
        assertEquals(List.of(), lines);
        w.show("runs", 2, 15, "RNN seed 2", 2.1, false);
        w.show("runs", 3, 15, "RNN seed 3", 2.2, false);
        w.show("runs", 4, 15, "GRU seed 1", 2.7, false);
        w.show("runs", 15, 15, null, 9.0, true);
        assertEquals(List.of("runs 2/15 done, last RNN seed 2  2.1 s, about 14 s left",
                "runs 4/15 done, last GRU seed 1  2.7 s, about 7 s left", "runs 15/15 done  9.0 s"), lines);

        List<String> quick = new ArrayList<>();
        NotebookWorkProgress q = new NotebookWorkProgress(quick::add);
        q.show("models", 3, 3, null, 1.5, true);
        assertEquals(List.of(), quick, "work under 2 s shows nothing");
    }
}

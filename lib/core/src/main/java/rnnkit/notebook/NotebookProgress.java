package rnnkit.notebook;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import rnnkit.train.ProgressListener;

/**
 * Live progress of a training run in a notebook, as d2l's Animator draws it: once training has lasted
 * 2 seconds, a line (step, loss, time left) and below it the loss curve so far, both updated in place
 * at most twice a second; when training ends, both show the whole run and stay as the cell's output.
 * A run that ends within 2 seconds shows nothing. Outside a kernel it is never created
 * ({@link #createOrNone(String)} returns {@link ProgressListener#NONE}).
 */
public final class NotebookProgress implements ProgressListener {

    static final double SHOW_AFTER_SECONDS = 2.0;
    static final double UPDATE_EVERY_SECONDS = 0.5;
    /** The curve is drawn from at most this many points (every k-th step of a long run). */
    static final int MAX_POINTS = 600;
    static final int WIDTH = 560;
    static final int HEIGHT = 300;

    /** Where the line and the chart go; a notebook display in the kernel, a recorder in tests. */
    interface Sink {
        void line(String text);

        void chart(BufferedImage image, String alt);
    }

    private final Sink sink;
    private final String label;
    private double[] losses = new double[256];
    private int count;
    private boolean shown;
    private double lastUpdate = Double.NEGATIVE_INFINITY;

    NotebookProgress(Sink sink, String label) {
        this.sink = sink;
        this.label = label;
    }

    /** A notebook progress display when a JJava kernel is running this code, else NONE. */
    public static ProgressListener createOrNone(String label) {
        LiveDisplay line = LiveDisplay.open();
        if (line == null) {
            return NONE;
        }
        LiveDisplay chart = LiveDisplay.open();
        return new NotebookProgress(new Sink() {
            @Override
            public void line(String text) {
                line.show(text);
            }

            @Override
            public void chart(BufferedImage image, String alt) {
                chart.showImage(image, alt);
            }
        }, label);
    }

    @Override
    public void step(int step, int totalSteps, double loss, double elapsedSeconds) {
        record(step, loss);
        if (elapsedSeconds < SHOW_AFTER_SECONDS || elapsedSeconds - lastUpdate < UPDATE_EVERY_SECONDS) {
            return;
        }
        lastUpdate = elapsedSeconds;
        show(ProgressListener.describe(step, totalSteps, loss, elapsedSeconds), totalSteps, false);
    }

    @Override
    public void finished(int totalSteps, double loss, double elapsedSeconds) {
        if (shown) {
            show(ProgressListener.describe(totalSteps, totalSteps, loss, elapsedSeconds), totalSteps, true);
        }
    }

    /** Keeps the loss of step {@code step} (steps count from 1; a repeated step replaces its value). */
    private void record(int step, double loss) {
        if (step < 1) {
            return;
        }
        if (step > losses.length) {
            losses = Arrays.copyOf(losses, Math.max(step, 2 * losses.length));
        }
        losses[step - 1] = loss;
        count = Math.max(count, step);
    }

    private void show(String text, int totalSteps, boolean finished) {
        try {
            String line = label == null ? text : label + ": " + text;
            sink.line(line);
            sink.chart(BitmapEncoder.getBufferedImage(chart(totalSteps, finished)), "loss curve, " + line);
            shown = true;
        } catch (LinkageError | RuntimeException e) {
            // a display that fails must not stop the training
        }
    }

    /** The loss curve so far, the x axis spanning the whole run so the line grows to the right. */
    XYChart chart(int totalSteps, boolean finished) {
        String title = (label == null ? "Training loss" : "Training loss, " + label) + (finished ? "" : " (live)");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("step").yAxisTitle("loss").build();
        Styler styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax((double) Math.max(totalSteps, count));
        int stride = Math.max(1, (count + MAX_POINTS - 1) / MAX_POINTS);
        int n = 0;
        double[] xs = new double[count / stride + 2];
        double[] ys = new double[xs.length];
        for (int k = 0; k < count; k += stride) {
            if (Double.isFinite(losses[k])) {
                xs[n] = k + 1;
                ys[n++] = losses[k];
            }
        }
        if (n > 0 && xs[n - 1] != count && Double.isFinite(losses[count - 1])) {
            xs[n] = count;
            ys[n++] = losses[count - 1];
        }
        if (n == 0) {
            xs[0] = 0;
            ys[n++] = 0;
        }
        XYSeries series = chart.addSeries("loss", Arrays.copyOf(xs, n), Arrays.copyOf(ys, n));
        series.setMarker(SeriesMarkers.NONE);
        return chart;
    }

    /** Steps recorded so far (for tests). */
    int recorded() {
        return count;
    }
}

package rnnkit.notebook;

import rnnkit.train.ProgressListener;
import rnnkit.train.WorkProgress;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Teaches the JJava kernel how to show rnnkit's values inline: an XChart chart as a PNG image and a
 * Tablesaw {@link Table} as an HTML table (with a plain-text copy for consoles).
 *
 * <p>The kernel finds this class through {@code META-INF/services/org.dflib.jjava.jupyter.Extension}
 * when {@code rnnkit-core.jar} is on its classpath, and calls {@link #install} once at start, so a chart
 * or table that is the last expression of a cell, or passed to {@code display(...)}, appears
 * without any set-up in the notebook. It also plugs in the live progress of training and of long
 * pieces of work, and repairs two things the kernel reports to the front end ({@link KernelProtocol}).
 */
public final class KernelDisplay implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        register(kernel.getRenderer());
        ProgressListener.provideAuto(NotebookProgress::createOrNone);
        WorkProgress.provide(NotebookWorkProgress::createOrNull);
        KernelProtocol.repair(kernel);
    }

    /** The text shown where images are not: the chart's kind, title and size. */
    static String describe(Chart<?, ?> chart) {
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "untitled" : "'" + chart.getTitle() + "'";
        return chart.getClass().getSimpleName() + " " + title + " (" + chart.getWidth() + " x " + chart.getHeight() + " px)";
    }

    /** Adds the chart and table renderers to {@code renderer}; split from {@link #install} for tests. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void register(Renderer renderer) {
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((chart, context) -> {
                    Chart<?, ?> c = (Chart<?, ?>) chart;
                    Image.renderImage(BitmapEncoder.getBufferedImage(c), context);
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> describe(c));
                });

        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((table, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.render(table));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> TableHtml.plain(table));
                });
    }
}

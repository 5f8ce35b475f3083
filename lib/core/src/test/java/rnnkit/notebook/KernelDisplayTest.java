package rnnkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.ServiceLoader;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import rnnkit.plot.Plots;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

@DisplayName("The kernel display extension")
class KernelDisplayTest {

    static Renderer renderer() {
        Renderer renderer = new Renderer();
        KernelDisplay.register(renderer);
        return renderer;
    }

    @Test
    @DisplayName("is found by the kernel through META-INF/services")
    void registeredAsService() {
        assertTrue(ServiceLoader.load(Extension.class).stream().anyMatch(p -> p.type() == KernelDisplay.class));
    }

    @Test
    @DisplayName("draws a chart as a PNG of the chart's size, with a text description")
    void chartAsPng() throws IOException {
        var chart = Plots.chart("Loss", "step", "loss");
        Plots.line(chart, "loss", new double[] {1, 2, 3}, new double[] {3, 2, 1});
        DisplayData data = renderer().render(chart);

        byte[] png = Base64.getDecoder().decode((String) data.getData(MIMEType.IMAGE_PNG));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(Plots.WIDTH, image.getWidth());
        assertEquals(Plots.HEIGHT, image.getHeight());
        assertEquals("XYChart 'Loss' (640 x 400 px)", data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    @DisplayName("shows a table as escaped HTML and as text")
    void tableAsHtml() {
        Table table = Table.create("cells",
                StringColumn.create("cell", "rnn", "<gru>"),
                IntColumn.create("params", 10, 30));
        DisplayData data = renderer().render(table);

        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<caption>cells</caption>"), html);
        assertTrue(html.contains("<thead><tr><th style=\"text-align: left\">cell</th><th>params</th></tr></thead>"), html);
        assertTrue(html.contains("<tr><td style=\"text-align: left\">&lt;gru&gt;</td><td>30</td></tr>"), html);
        assertTrue(html.contains("<p>2 rows × 2 columns</p>"), html);
        assertTrue(((String) data.getData(MIMEType.TEXT_PLAIN)).contains("rnn"));
    }

    @Test
    @DisplayName("shortens a long table to its first and last rows, saying how many are left out")
    void longTable() {
        Table history = Table.create("history",
                IntColumn.create("step", IntStream.range(0, 1000).toArray()),
                DoubleColumn.create("loss", IntStream.range(0, 1000).mapToDouble(k -> 1.0 / (k + 1)).toArray()));
        String html = TableHtml.render(history);

        assertEquals(2 * TableHtml.EDGE_ROWS + 1, html.split("<tr><td", -1).length - 1, "shown rows and the gap row");
        assertTrue(html.contains("<td>9</td>") && html.contains("<td>990</td>") && html.contains("<td>999</td>"));
        assertFalse(html.contains("<td>10</td>"), "row 10 lies in the gap");
        assertTrue(html.contains("… 980 more rows …"));
        assertTrue(html.contains("<p>1000 rows × 2 columns</p>"));
    }

    @Test
    @DisplayName("prints doubles with six significant digits")
    void numbers() {
        assertEquals("0.348678", TableHtml.number(0.34867844010000015));
        assertEquals("17.4494", TableHtml.number(Math.pow(1.1, 30)));
        assertEquals("1", TableHtml.number(1.0));
        assertEquals("-2.5", TableHtml.number(-2.5));
        assertEquals("1.23457e-7", TableHtml.number(1.234567e-7));
        assertEquals("3e8", TableHtml.number(3e8));
        assertEquals("NaN", TableHtml.number(Double.NaN));
        Table t = Table.create("t", DoubleColumn.create("x", 0.1 + 0.2, Double.NaN));
        String html = TableHtml.render(t);
        assertTrue(html.contains("<td>0.3</td>") && html.contains("<tr><td></td></tr>"), html);
    }

    @Test
    @DisplayName("reports no kernel when there is none")
    void noKernel() {
        assertFalse(JupyterKernel.running());
        assertEquals("no kernel", JupyterKernel.banner());
    }
}

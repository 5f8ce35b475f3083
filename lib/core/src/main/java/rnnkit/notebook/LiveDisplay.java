package rnnkit.notebook;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * One output area of a notebook cell that is shown once and then rewritten in place, for progress
 * that would otherwise scroll (a training run's step, loss and time left, its loss curve).
 * Updates may come from any thread; they are sent one at a time.
 */
public final class LiveDisplay {

    private final BaseKernel kernel;
    private final String id = "rnnkit-live-" + UUID.randomUUID();
    private boolean shown;

    private LiveDisplay(BaseKernel kernel) {
        this.kernel = kernel;
    }

    /** A new display in the running kernel's current cell, or null outside a kernel. */
    public static LiveDisplay open() {
        BaseKernel kernel = JupyterKernel.current();
        return kernel == null ? null : new LiveDisplay(kernel);
    }

    /** Shows {@code text} as this display's first content. */
    public void show(String text) {
        put(text(text));
    }

    /** Replaces what this display shows with {@code text}. */
    public void update(String text) {
        put(text(text));
    }

    /** Shows {@code image} (as a PNG, with {@code alt} for consoles), first or in place of what was shown. */
    public void showImage(RenderedImage image, String alt) {
        put(image(image, alt));
    }

    private synchronized void put(DisplayData data) {
        // The display id goes in directly: setDisplayId returns void in the 1.0-a6 API the library is
        // compiled against but DisplayData in the 1.0a8 kernel, so calling it would fail at run time.
        data.putTransientData("display_id", id);
        if (shown) {
            kernel.getIO().display.updateDisplay(id, data);
        } else {
            kernel.display(data);
            shown = true;
        }
    }

    static DisplayData text(String text) {
        DisplayData d = new DisplayData(text);
        d.putHTML("<pre>" + TableHtml.escape(text) + "</pre>");
        return d;
    }

    static DisplayData image(RenderedImage image, String alt) {
        DisplayData d = new DisplayData(alt);
        d.putData(MIMEType.IMAGE_PNG, Base64.getEncoder().encodeToString(png(image)));
        return d;
    }

    static byte[] png(RenderedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

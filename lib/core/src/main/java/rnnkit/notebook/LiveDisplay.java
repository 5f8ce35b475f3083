package rnnkit.notebook;

import java.util.UUID;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * One output area of a notebook cell that is shown once and then rewritten in place, for progress
 * that would otherwise scroll (a training run's step, loss and time left).
 */
public final class LiveDisplay {

    private final BaseKernel kernel;
    private final String id = "rnnkit-live-" + UUID.randomUUID();

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
        kernel.display(data(text));
    }

    /** Replaces what this display shows with {@code text}. */
    public void update(String text) {
        kernel.getIO().display.updateDisplay(id, data(text));
    }

    private DisplayData data(String text) {
        DisplayData d = new DisplayData(text);
        d.putHTML("<pre>" + TableHtml.escape(text) + "</pre>");
        // The display id goes in directly: setDisplayId returns void in the 1.0-a6 API the library is
        // compiled against but DisplayData in the 1.0a8 kernel, so calling it would fail at run time.
        d.putTransientData("display_id", id);
        return d;
    }
}

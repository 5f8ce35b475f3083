package rnnkit.train;

import java.util.UUID;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * The only class that touches the JJava kernel API (compiled against jjava-jupyter 1.0-a6,
 * supplied by the kernel, 1.0a8, at run time; it calls only methods whose signatures the two share). Callers check {@link #kernelClassesPresent()} first, so this class's
 * references to the kernel are never resolved when the kernel jar is absent.
 */
final class KernelDisplay {

    private static final String KERNEL_CLASS = "org.dflib.jjava.jupyter.kernel.BaseKernel";

    private KernelDisplay() {
    }

    /** Whether the kernel's classes can be loaded, checked without loading this class's dependencies. */
    static boolean kernelClassesPresent() {
        try {
            Class.forName(KERNEL_CLASS, false, KernelDisplay.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** A display handle when a kernel is running this code, else null. */
    static Handle handle() {
        BaseKernel kernel = BaseKernel.notebookKernel();
        return kernel == null ? null : new Handle(kernel);
    }

    /** One display, shown once and then updated in place by its display id. */
    static final class Handle {

        private final BaseKernel kernel;
        private final String id = "rnnkit-progress-" + UUID.randomUUID();

        private Handle(BaseKernel kernel) {
            this.kernel = kernel;
        }

        void show(String text) {
            kernel.display(data(text));
        }

        void update(String text) {
            kernel.getIO().display.updateDisplay(id, data(text));
        }

        private DisplayData data(String text) {
            DisplayData d = new DisplayData(text);
            d.putHTML("<pre>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</pre>");
            // the transient display_id, set directly: setDisplayId returns void in the 1.0-a6 API
            // but DisplayData in the 1.0a8 kernel, so a call compiled against one fails on the other
            d.putTransientData("display_id", id);
            return d;
        }
    }
}

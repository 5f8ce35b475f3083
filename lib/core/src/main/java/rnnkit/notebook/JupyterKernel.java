package rnnkit.notebook;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * What a notebook may want to know about the kernel it runs in. Works outside a kernel too
 * (in unit tests, or from a plain {@code main}), where it says so instead of failing.
 */
public final class JupyterKernel {

    private JupyterKernel() {
    }

    /** True inside a running JJava kernel. */
    public static boolean running() {
        return current() != null;
    }

    /**
     * Shows {@code data} as an output of the running cell; returns false (and shows nothing) outside a
     * kernel. For values whose display the library builds itself, such as a grade report.
     */
    public static boolean display(DisplayData data) {
        BaseKernel kernel = current();
        if (kernel == null) {
            return false;
        }
        kernel.display(data);
        return true;
    }

    /**
     * The kernel's banner with the full Java build, for example
     * {@code "Java 17.0.15+6-Debian-1deb12u1 :: JJava 1.0-a8 :: Protocol v5.3"}, or "no kernel". (The
     * kernel itself reports the language version only, "Java 17 :: ...": see {@link KernelProtocol}.)
     */
    public static String banner() {
        BaseKernel kernel = current();
        if (kernel == null) {
            return "no kernel";
        }
        String banner = kernel.getBanner();
        int rest = banner.indexOf(" :: ");
        return "Java " + Runtime.version() + (rest < 0 ? " :: " + banner : banner.substring(rest));
    }

    /** The Java runtime the kernel (or this program) runs on, for example {@code "17.0.15 (Debian)"}. */
    public static String javaVersion() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    /** The running kernel, or null in a plain JVM (with or without the kernel's classes on the classpath). */
    static BaseKernel current() {
        if (!KERNEL_CLASSES) {
            return null;
        }
        try {
            return BaseKernel.notebookKernel();
        } catch (NullPointerException noKernelStarted) {
            // JJava reports "No kernel running" this way when its classes are present but idle.
            return null;
        }
    }

    /** Whether JJava's classes can be loaded; checked by name, so that nothing here fails without them. */
    private static final boolean KERNEL_CLASSES = classPresent("org.dflib.jjava.jupyter.kernel.BaseKernel");

    private static boolean classPresent(String name) {
        try {
            Class.forName(name, false, JupyterKernel.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}

package rnnkit.notebook;

import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * What a notebook may want to know about the kernel it runs in. Works outside a kernel too
 * (in unit tests, or from a plain {@code main}), where it says so instead of failing.
 */
public final class Kernel {

    private Kernel() {
    }

    /** True inside a running JJava kernel. */
    public static boolean running() {
        return current() != null;
    }

    /** The kernel's banner, for example {@code "JJava 1.0-a8 :: Protocol v5.3"}, or "no kernel". */
    public static String banner() {
        BaseKernel kernel = current();
        return kernel == null ? "no kernel" : kernel.getBanner();
    }

    /** The Java runtime the kernel (or this program) runs on, for example {@code "17.0.15 (Debian)"}. */
    public static String javaVersion() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    static BaseKernel current() {
        try {
            return BaseKernel.notebookKernel();
        } catch (LinkageError classesAbsent) {
            // The kernel's classes are not on the classpath: a plain JVM, not a notebook.
            return null;
        } catch (NullPointerException noKernelStarted) {
            // JJava reports "No kernel running" this way when its classes are present but idle.
            return null;
        }
    }
}

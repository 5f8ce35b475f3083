package rnnkit.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * The kernel's Java agent ({@code -javaagent:rnnkit-agent.jar}, set by the kit's kernelspec). It
 * instruments the classes JShell defines for notebook cells (package {@code REPL}) with
 * {@link StopInstrumenter}, and nothing else: the JDK, the kernel and the library run unchanged.
 */
public final class StopAgent {

    static volatile boolean installed;

    private StopAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        instrumentation.addTransformer(new CellTransformer());
        installed = true;
    }

    /** Whether a class, by its internal name, was defined by a notebook cell. */
    static boolean isCellClass(String internalName, ClassLoader loader) {
        return loader != null && internalName != null && internalName.startsWith("REPL/");
    }

    static final class CellTransformer implements ClassFileTransformer {
        @Override
        public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                byte[] classFile) {
            if (redefined != null || !isCellClass(className, loader)) {
                return null;
            }
            try {
                return StopInstrumenter.instrument(classFile);
            } catch (RuntimeException e) {
                return null; // never break a cell: uninstrumented code still runs, it just cannot be stopped
            }
        }
    }
}

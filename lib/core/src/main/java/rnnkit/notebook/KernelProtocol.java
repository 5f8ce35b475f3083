package rnnkit.notebook;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/**
 * Two repairs to what the JJava 1.0a8 kernel tells a notebook front end, made when the kit loads
 * (before the kernel connects), each skipped silently if a later JJava has changed the field it sets:
 *
 * <ol>
 * <li><b>History.</b> JJava's launcher builds its kernel without a history, and a kernel without one
 * ignores {@code history_request}: no reply, and no busy and idle status around it. When a notebook
 * opens, JupyterLab sends {@code kernel_info_request} (whose status it does not track) and
 * {@code history_request} (whose status it does), so the status bar read "Unknown" until the first
 * cell ran. With an empty history the kernel answers, and the status reads "Idle" at once.
 * <li><b>Language version.</b> JJava reports the JVM's full build ({@code 17.0.15+6-Debian-1deb12u1})
 * as the language's version. JupyterLab writes the reported {@code language_info} into the notebook and
 * marks it changed if it differs from the stored one, so every notebook asked "Save changes?" on
 * machines with another build of the same Java. The kernel now reports the Java language version,
 * the feature release ({@code 17}); the banner keeps the full build.
 * </ol>
 */
final class KernelProtocol {

    private KernelProtocol() {
    }

    /** A history that is always empty (the kernel keeps none); answers every lookup. */
    static final HistoryManager EMPTY_HISTORY = new HistoryManager() {
        @Override
        public List<HistoryEntry> lookupRange(int session, int start, int end, Set<ResultFlag> flags) {
            return new ArrayList<>();
        }

        @Override
        public List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
            return new ArrayList<>();
        }

        @Override
        public List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
            return new ArrayList<>();
        }
    };

    /** The language version the kernel reports: the feature release of the running Java, "17" or "25". */
    static String languageVersion() {
        return String.valueOf(Runtime.version().feature());
    }

    /** Applies both repairs to {@code kernel}; returns which were made, for tests and diagnostics. */
    static List<String> repair(BaseKernel kernel) {
        List<String> made = new ArrayList<>();
        if (kernel.getHistoryManager() == null && set(BaseKernel.class, kernel, "historyManager", EMPTY_HISTORY)) {
            made.add("history");
        }
        LanguageInfo info = kernel.getLanguageInfo();
        if (info != null && !languageVersion().equals(info.getVersion())
                && set(LanguageInfo.class, info, "version", languageVersion())) {
            made.add("language version");
        }
        return made;
    }

    private static boolean set(Class<?> owner, Object target, String name, Object value) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            field.set(target, value);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}

package rnnkit.train;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Progress of a long piece of work that is not one training run, counted in units (the 15 runs of an
 * experiment, three models one after the other, a sweep over seeds):
 *
 * <pre>
 * try (WorkProgress progress = WorkProgress.start("runs", jobs.size())) {
 *     for (Job j : jobs) {
 *         run(j);
 *         progress.done(j.name());          // may be called from worker threads
 *     }
 * }
 * </pre>
 *
 * Inside a JJava notebook kernel, once the work has lasted 2 seconds, one line updates in place ("runs
 * 4/15 done, last GRU seed 3  6.1 s, about 17 s left"); elsewhere nothing happens. While a piece of
 * work is open, {@link ProgressListener#auto()} gives {@link ProgressListener#NONE}, so the runs inside
 * it add no displays of their own.
 */
public interface WorkProgress extends AutoCloseable {

    /** One more unit finished; {@code label} names it (or is null). Safe to call from any thread. */
    void done(String label);

    /** The work has ended (also when it failed). */
    @Override
    void close();

    /** Sink for the notebook layer: told the counts and the time as they change. */
    interface Display {
        /** Called after each unit, and once at the end with {@code finished} true. */
        void show(String what, int done, int total, String lastLabel, double elapsedSeconds, boolean finished);
    }

    /** Starts counting {@code total} units of {@code what} (a plural noun, "runs", "models"). */
    static WorkProgress start(String what, int total) {
        if (total < 1) {
            throw new IllegalArgumentException("total must be >= 1, got " + total);
        }
        Display display = Providers.display.get();
        return new Counter(what == null ? "units" : what, total, display);
    }

    /** Sets where progress goes (the notebook layer, when a kernel starts); a supplier may return null for nothing. */
    static void provide(java.util.function.Supplier<Display> displays) {
        Providers.display = Objects.requireNonNull(displays, "displays");
    }

    /** Whether a piece of work is open now, anywhere in this JVM. */
    static boolean active() {
        return Providers.open.get() > 0;
    }

    /** The text a display shows, e.g. "runs 4/15 done, last GRU seed 3  6.1 s, about 17 s left". */
    static String describe(String what, int done, int total, String lastLabel, double elapsedSeconds) {
        String last = lastLabel == null || lastLabel.isBlank() ? "" : ", last " + lastLabel;
        String tail = done >= total ? ""
                : done == 0 ? ", started"
                : String.format(java.util.Locale.ROOT, ", about %.0f s left", elapsedSeconds / done * (total - done));
        return String.format(java.util.Locale.ROOT, "%s %d/%d done%s  %.1f s%s", what, done, total, last, elapsedSeconds, tail);
    }

    /** State shared by the interface's static methods. */
    final class Providers {
        static volatile java.util.function.Supplier<Display> display = () -> null;
        static final AtomicInteger open = new AtomicInteger();

        private Providers() {
        }
    }

    /** Counts units and forwards to a display; thread-safe. */
    final class Counter implements WorkProgress {
        private final String what;
        private final int total;
        private final Display display;
        private final long start = System.nanoTime();
        private int done;
        private boolean closed;

        Counter(String what, int total, Display display) {
            this.what = what;
            this.total = total;
            this.display = display;
            Providers.open.incrementAndGet();
        }

        @Override
        public synchronized void done(String label) {
            if (closed) {
                return;
            }
            done = Math.min(total, done + 1);
            forward(label, false);
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            Providers.open.decrementAndGet();
            forward(null, true);
        }

        /** Units done so far. */
        public synchronized int doneCount() {
            return done;
        }

        private void forward(String label, boolean finished) {
            if (display == null) {
                return;
            }
            try {
                display.show(what, done, total, label, (System.nanoTime() - start) / 1e9, finished);
            } catch (RuntimeException | LinkageError e) {
                // a display that fails must not stop the work
            }
        }
    }
}

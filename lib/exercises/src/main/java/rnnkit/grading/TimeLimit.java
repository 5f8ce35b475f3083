package rnnkit.grading;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a piece of student code on its own daemon thread and waits at most a given time. A thread
 * still running at the limit is stopped ({@code Thread.stop}, which Java 17 still honours for code
 * that never checks for interruption, as an endless loop does) and {@link TimeLimitExceeded} is
 * thrown; the grading goes on with the next test.
 */
final class TimeLimit {

    private TimeLimit() {
    }

    @SuppressWarnings("removal")
    static <T> T call(Callable<T> body, Duration limit, String what) throws Throwable {
        AtomicReference<T> value = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                value.set(body.call());
            } catch (Throwable t) {
                error.set(t);
            }
        }, "rnnkit-grading");
        worker.setDaemon(true);
        worker.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        worker.start();
        worker.join(limit.toMillis());
        if (worker.isAlive()) {
            worker.interrupt();
            worker.join(100);
            if (worker.isAlive()) {
                try {
                    worker.stop();
                } catch (UnsupportedOperationException newerJava) {
                    // Java 20+: the thread cannot be stopped; it is a daemon at least, and the report says so.
                }
            }
            throw new TimeLimitExceeded(what, limit);
        }
        if (error.get() != null) {
            throw error.get();
        }
        return value.get();
    }
}

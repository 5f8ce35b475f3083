package rnnkit.grading;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import rnnkit.agent.Stop;

/**
 * Runs a piece of student code on its own daemon thread and waits at most a given time. A thread
 * still running at the limit is stopped and {@link TimeLimitExceeded} is thrown; the grading goes on.
 *
 * <p>Stopping, on every JDK the kit accepts: first an interrupt (for code that sleeps or waits),
 * then a stop request ({@link Stop#request}), which the kernel's agent makes every loop turn of a
 * cell's code check, then, where the JDK still has it (before 20), {@code Thread.stop}. A thread that
 * survives all three (a loop entirely inside code the agent did not instrument, or a kernel started
 * without the agent on Java 20+) is reported by the exception: it keeps a processor busy until the
 * kernel restarts.
 */
final class TimeLimit {

    /** The grading threads' name, so tests (and a curious teacher) can tell them from the kernel's. */
    static final String THREAD_NAME = "rnnkit-grading";

    /** How long a stopped thread may take to unwind. */
    private static final long STOP_WAIT_MS = 2000;

    private TimeLimit() {
    }

    static <T> T call(Callable<T> body, Duration limit, String what) throws Throwable {
        AtomicReference<T> value = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                value.set(body.call());
            } catch (Throwable t) {
                error.set(t);
            }
        }, THREAD_NAME);
        worker.setDaemon(true);
        worker.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        worker.start();
        worker.join(limit.toMillis());
        if (worker.isAlive()) {
            throw new TimeLimitExceeded(what, limit, stop(worker));
        }
        if (error.get() != null) {
            throw error.get();
        }
        return value.get();
    }

    /** Stops the thread by every means the JDK allows; whether it ended. */
    @SuppressWarnings({"removal", "deprecation"})
    static boolean stop(Thread worker) throws InterruptedException {
        worker.interrupt();
        worker.join(100);
        if (!worker.isAlive()) {
            return true;
        }
        Stop.request(worker);
        try {
            worker.join(STOP_WAIT_MS);
        } finally {
            Stop.clear();
        }
        if (worker.isAlive()) {
            try {
                worker.stop();
                worker.join(STOP_WAIT_MS);
            } catch (UnsupportedOperationException java20AndLater) {
                // nothing else can stop it; the report says so
            }
        }
        return !worker.isAlive();
    }
}

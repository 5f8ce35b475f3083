package rnnkit.agent;

/**
 * The stop check that {@link StopInstrumenter} puts before every backward jump (every turn of a
 * loop) of the code notebook cells define, and the request that makes it throw.
 *
 * <p>Thread.stop, which stopped a thread from outside, does nothing from Java 20 on: a thread can
 * only be asked to stop itself. The grader asks here: {@link #request(Thread)} marks one thread, and
 * the next loop turn that thread makes in instrumented code throws {@link StopRequested}, which
 * unwinds it like any error. Other threads, and the kernel's own code, never see it. The check costs
 * one volatile read while no stop is requested.
 */
public final class Stop {

    private static volatile Thread target;

    private Stop() {
    }

    /** Called by instrumented code at every loop turn: throws if this thread was asked to stop. */
    public static void check() {
        Thread t = target;
        if (t != null && t == Thread.currentThread()) {
            throw new StopRequested();
        }
    }

    /** Asks the thread to stop at its next loop turn in instrumented code. One thread at a time. */
    public static void request(Thread thread) {
        target = thread;
    }

    /** Withdraws the request (the thread ended, or gave up on). */
    public static void clear() {
        target = null;
    }

    /** Whether the agent runs in this JVM (the kernel starts with -javaagent), so that cells' code is instrumented. */
    public static boolean installed() {
        return StopAgent.installed;
    }
}

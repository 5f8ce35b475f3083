package rnnkit.grading;

import java.time.Duration;

/** Thrown in place of a test (or of building the submission) that ran past the grading time limit. */
public final class TimeLimitExceeded extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean stopped;

    TimeLimitExceeded(String what, Duration limit, boolean stopped) {
        super(what + " ran longer than the time limit of " + seconds(limit)
                + (stopped ? " and was stopped" : " and could not be stopped: it keeps a processor busy until the kernel"
                        + " restarts (Kernel > Restart Kernel)")
                + ": is there a loop that never ends (a counter that never reaches its bound)?");
        this.stopped = stopped;
    }

    /** Whether the looping thread ended; false when the JDK offered no way to stop it. */
    public boolean stopped() {
        return stopped;
    }

    static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }
}

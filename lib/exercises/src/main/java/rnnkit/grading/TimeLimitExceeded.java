package rnnkit.grading;

import java.time.Duration;

/** Thrown in place of a test (or of building the submission) that ran past the grading time limit. */
public final class TimeLimitExceeded extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TimeLimitExceeded(String what, Duration limit) {
        super(what + " ran longer than the time limit of " + seconds(limit)
                + " and was stopped: is there a loop that never ends (a counter that never reaches its bound)?");
    }

    static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }
}

package rnnkit.grading;

import java.util.Locale;

/**
 * One grader test: its name as the report shows it, how it ended, and why it did not pass (the
 * message is for the student; the status is for programs, such as {@code environment/grade}).
 */
public record TestResult(String test, Status status, String message) {

    /** How a test ended. A test left out after an earlier one was stopped at the time limit is {@link #FAILED}. */
    public enum Status {
        PASSED, FAILED, TIMED_OUT, NOT_IMPLEMENTED;

        /** The status as the report's JSON writes it: {@code "passed"}, {@code "failed"}, {@code "timed_out"}, {@code "not_implemented"}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TestResult {
        if (status == null) {
            throw new IllegalArgumentException("status must not be null");
        }
    }

    public boolean passed() {
        return status == Status.PASSED;
    }
}

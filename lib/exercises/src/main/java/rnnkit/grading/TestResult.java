package rnnkit.grading;

/** One grader test: its name as the report shows it, whether it passed, and why not. */
public record TestResult(String test, boolean passed, String message) {
}

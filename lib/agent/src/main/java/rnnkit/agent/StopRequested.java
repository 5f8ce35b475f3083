package rnnkit.agent;

/**
 * Thrown by {@link Stop#check()} in a thread the grader asked to stop. An Error, so that a
 * {@code catch (Exception e)} in the student's loop does not swallow it.
 */
public final class StopRequested extends Error {

    private static final long serialVersionUID = 1L;

    StopRequested() {
        super("stopped at the time limit", null, false, false);
    }
}

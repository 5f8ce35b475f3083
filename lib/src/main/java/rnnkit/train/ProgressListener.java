package rnnkit.train;

/**
 * Hears about training as it runs. {@link #NONE} ignores everything; {@link #auto()} shows a line
 * that updates in place (step, loss, time left) when running inside a JJava notebook kernel and the
 * training has lasted more than 2 seconds, and prints nothing otherwise (nothing on stdout or stderr,
 * so headless notebook runs stay clean).
 */
public interface ProgressListener {

    /** Called after every step; {@code step} counts from 1 to {@code totalSteps}. */
    void step(int step, int totalSteps, double loss, double elapsedSeconds);

    /** Called once when training ends. */
    default void finished(int totalSteps, double loss, double elapsedSeconds) {
    }

    ProgressListener NONE = (step, total, loss, seconds) -> {
    };

    /** A notebook display in a JJava kernel, else {@link #NONE}. */
    static ProgressListener auto() {
        return NotebookProgress.createOrNone();
    }

    /** The text a progress display shows, e.g. "step 120/500  loss 2.1034  12.3 s, about 39 s left". */
    static String describe(int step, int totalSteps, double loss, double elapsedSeconds) {
        double left = step == 0 ? Double.NaN : elapsedSeconds / step * (totalSteps - step);
        String tail = step >= totalSteps ? "done" : String.format("about %.0f s left", left);
        return String.format("step %d/%d  loss %.4f  %.1f s, %s", step, totalSteps, loss, elapsedSeconds, tail);
    }
}

package rnnkit.train;

/**
 * Hears about training as it runs. {@link #NONE} ignores everything; {@link #auto()} gives what the
 * environment provides: inside a JJava notebook kernel, a line that updates in place (step, loss, time
 * left) once training has lasted more than 2 seconds; elsewhere nothing (nothing on stdout or stderr,
 * so headless runs stay clean).
 *
 * <p>The training layer does not know about notebooks. The notebook layer, which sits above it, plugs
 * its display in with {@link #provideAuto} when the kernel loads the kit
 * ({@code rnnkit.notebook.KernelDisplay}).
 */
public interface ProgressListener {

    /** Called after every step; {@code step} counts from 1 to {@code totalSteps}. */
    void step(int step, int totalSteps, double loss, double elapsedSeconds);

    /** Called once when training ends. */
    default void finished(int totalSteps, double loss, double elapsedSeconds) {
    }

    ProgressListener NONE = (step, total, loss, seconds) -> {
    };

    /** A fresh listener from the provider set with {@link #provideAuto}; {@link #NONE} if none is set. */
    static ProgressListener auto() {
        return AutoProgress.create();
    }

    /**
     * Makes {@link #auto()} (and so every new {@link Trainer}) use listeners made by {@code provider}.
     * Called by the notebook layer when a kernel starts; a provider may return {@link #NONE}.
     */
    static void provideAuto(java.util.function.Supplier<ProgressListener> provider) {
        AutoProgress.provider = java.util.Objects.requireNonNull(provider, "provider");
    }

    /** The text a progress display shows, e.g. "step 120/500  loss 2.1034  12.3 s, about 39 s left". */
    static String describe(int step, int totalSteps, double loss, double elapsedSeconds) {
        double left = step == 0 ? Double.NaN : elapsedSeconds / step * (totalSteps - step);
        String tail = step >= totalSteps ? "done" : String.format("about %.0f s left", left);
        return String.format("step %d/%d  loss %.4f  %.1f s, %s", step, totalSteps, loss, elapsedSeconds, tail);
    }
}

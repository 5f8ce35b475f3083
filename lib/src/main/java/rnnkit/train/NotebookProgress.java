package rnnkit.train;

/**
 * Live progress in a notebook: after 2 seconds of training, one display that is updated in place
 * at most twice a second. Outside a kernel it is never created ({@link #createOrNone()} returns
 * {@link ProgressListener#NONE}).
 */
final class NotebookProgress implements ProgressListener {

    static final double SHOW_AFTER_SECONDS = 2.0;
    static final double UPDATE_EVERY_SECONDS = 0.5;

    private final KernelDisplay.Handle handle;
    private boolean shown;
    private double lastUpdate = Double.NEGATIVE_INFINITY;

    private NotebookProgress(KernelDisplay.Handle handle) {
        this.handle = handle;
    }

    /** A notebook progress display when a JJava kernel is running this code, else NONE. */
    static ProgressListener createOrNone() {
        if (!KernelDisplay.kernelClassesPresent()) {
            return NONE;
        }
        try {
            KernelDisplay.Handle h = KernelDisplay.handle();
            return h == null ? NONE : new NotebookProgress(h);
        } catch (LinkageError | RuntimeException e) {
            return NONE;
        }
    }

    @Override
    public void step(int step, int totalSteps, double loss, double elapsedSeconds) {
        if (elapsedSeconds < SHOW_AFTER_SECONDS || elapsedSeconds - lastUpdate < UPDATE_EVERY_SECONDS) {
            return;
        }
        lastUpdate = elapsedSeconds;
        show(ProgressListener.describe(step, totalSteps, loss, elapsedSeconds));
    }

    @Override
    public void finished(int totalSteps, double loss, double elapsedSeconds) {
        if (shown) {
            show(ProgressListener.describe(totalSteps, totalSteps, loss, elapsedSeconds));
        }
    }

    private void show(String text) {
        try {
            if (shown) {
                handle.update(text);
            } else {
                handle.show(text);
                shown = true;
            }
        } catch (LinkageError | RuntimeException e) {
            // a display that fails must not stop the training
        }
    }
}

package rnnkit.notebook;

import rnnkit.train.ProgressListener;

/**
 * Live progress in a notebook: after 2 seconds of training, one display that is updated in place
 * at most twice a second. Outside a kernel it is never created ({@link #createOrNone()} returns
 * {@link ProgressListener#NONE}).
 */
public final class NotebookProgress implements ProgressListener {

    static final double SHOW_AFTER_SECONDS = 2.0;
    static final double UPDATE_EVERY_SECONDS = 0.5;

    private final LiveDisplay handle;
    private boolean shown;
    private double lastUpdate = Double.NEGATIVE_INFINITY;

    private NotebookProgress(LiveDisplay handle) {
        this.handle = handle;
    }

    /** A notebook progress display when a JJava kernel is running this code, else NONE. */
    public static ProgressListener createOrNone() {
        LiveDisplay display = LiveDisplay.open();
        return display == null ? NONE : new NotebookProgress(display);
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

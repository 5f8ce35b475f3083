package rnnkit.notebook;

import rnnkit.train.WorkProgress;

/**
 * The notebook side of {@link WorkProgress}: once the work has lasted 2 seconds, one line updated in
 * place at most twice a second ("runs 4/15 done, last GRU seed 3  6.1 s, about 17 s left"), and its
 * final state when the work ends. Work that ends within 2 seconds shows nothing.
 */
final class NotebookWorkProgress implements WorkProgress.Display {

    interface Sink {
        void line(String text);
    }

    private final Sink sink;
    private boolean shown;
    private double lastUpdate = Double.NEGATIVE_INFINITY;

    NotebookWorkProgress(Sink sink) {
        this.sink = sink;
    }

    /** A display in the running kernel's current cell, or null outside a kernel. */
    static WorkProgress.Display createOrNull() {
        LiveDisplay display = LiveDisplay.open();
        return display == null ? null : new NotebookWorkProgress(display::show);
    }

    @Override
    public synchronized void show(String what, int done, int total, String lastLabel, double elapsedSeconds,
            boolean finished) {
        if (finished ? !shown
                : elapsedSeconds < NotebookProgress.SHOW_AFTER_SECONDS
                        || elapsedSeconds - lastUpdate < NotebookProgress.UPDATE_EVERY_SECONDS) {
            return;
        }
        lastUpdate = elapsedSeconds;
        try {
            sink.line(WorkProgress.describe(what, done, total, lastLabel, elapsedSeconds));
            shown = true;
        } catch (LinkageError | RuntimeException e) {
            // a display that fails must not stop the work
        }
    }
}

package rnnkit.train;

import java.util.function.Function;

/** Holds the providers behind {@link ProgressListener#auto()} and {@link WorkProgress#start}; set once by the notebook layer. */
final class AutoProgress {

    static volatile Function<String, ProgressListener> provider = label -> ProgressListener.NONE;

    private AutoProgress() {
    }

    static ProgressListener create(String label) {
        if (WorkProgress.active()) {
            // Inside a piece of work that shows its own progress: one display per cell, not one per run.
            return ProgressListener.NONE;
        }
        ProgressListener listener = provider.apply(label);
        return listener == null ? ProgressListener.NONE : listener;
    }
}

package rnnkit.train;

import java.util.function.Supplier;

/** Holds the provider behind {@link ProgressListener#auto()}; set once by the notebook layer. */
final class AutoProgress {

    static volatile Supplier<ProgressListener> provider = () -> ProgressListener.NONE;

    private AutoProgress() {
    }

    static ProgressListener create() {
        ProgressListener listener = provider.get();
        return listener == null ? ProgressListener.NONE : listener;
    }
}

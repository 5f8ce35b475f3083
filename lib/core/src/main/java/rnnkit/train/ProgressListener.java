package rnnkit.train;

import java.util.Locale;
import java.util.function.Function;

/**
 * Hears about training as it runs. {@link #NONE} ignores everything; {@link #auto()} gives what the
 * environment provides: inside a JJava notebook kernel, once training has lasted more than 2 seconds,
 * a line that updates in place (step, loss, time left) above a loss curve that draws itself, the final
 * curve left as the cell's output; elsewhere nothing (nothing on stdout or stderr, so headless runs
 * stay clean).
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
        return AutoProgress.create(null);
    }

    /** As {@link #auto()}, for a run named {@code label} (say "LSTM"), which a display may show. */
    static ProgressListener auto(String label) {
        return AutoProgress.create(label);
    }

    /**
     * Makes {@link #auto()} (and so every new {@link Trainer}) use listeners made by {@code provider},
     * which gets the run's label or null. Called by the notebook layer when a kernel starts; a provider
     * may return {@link #NONE}.
     */
    static void provideAuto(Function<String, ProgressListener> provider) {
        AutoProgress.provider = java.util.Objects.requireNonNull(provider, "provider");
    }

    /** The text a progress display shows, e.g. "step 120/500  loss 2.103  12.3 s, about 39 s left". */
    static String describe(int step, int totalSteps, double loss, double elapsedSeconds) {
        double left = step == 0 ? Double.NaN : elapsedSeconds / step * (totalSteps - step);
        String tail = step >= totalSteps ? "done" : String.format(Locale.ROOT, "about %.0f s left", left);
        return String.format(Locale.ROOT, "step %d/%d  loss %s  %.1f s, %s", step, totalSteps, significant(loss),
                elapsedSeconds, tail);
    }

    /**
     * {@code x} with four significant digits: "2.103", "0.01234", "1.235e-5". A loss that falls
     * towards 0 keeps showing how far it has fallen, where four decimals would print "0.0000".
     */
    static String significant(double x) {
        if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) {
            return x == 0 ? "0" : String.valueOf(x);
        }
        double magnitude = Math.abs(x);
        if (magnitude >= 1e-3 && magnitude < 1e5) {
            // Plain notation: as many decimals as four significant digits need, trailing zeros kept.
            int decimals = Math.max(0, 3 - (int) Math.floor(Math.log10(magnitude)));
            String plain = String.format(Locale.ROOT, "%." + decimals + "f", x);
            // Rounding can carry into a new digit (9.9996 -> "10.000"): redo with one decimal fewer.
            if (decimals > 0 && plain.replace("-", "").replace(".", "").replaceFirst("^0+", "").length() > 4) {
                plain = String.format(Locale.ROOT, "%." + (decimals - 1) + "f", x);
            }
            return plain;
        }
        return String.format(Locale.ROOT, "%.3e", x).replaceFirst("e([+-])0*(\\d)", "e$1$2").replace("e+", "e");
    }
}

/**
 * Helpers for the gated-cell lessons (03_gru and 04_lstm): gate heatmaps and per-word gate tables,
 * a generated movie-review corpus, a task that needs forgetting, accuracy, and the small parameter
 * surgery used to compare GRU conventions.
 *
 * <p>Notebooks import it with {@code import rnnkit.lessons.gates.*;}.
 */
package rnnkit.lessons.gates;

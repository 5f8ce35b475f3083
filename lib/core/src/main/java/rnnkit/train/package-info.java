/**
 * Training: optimisers ({@link rnnkit.train.Optimizer}: SGD with momentum, Adagrad, Adam), gradient
 * {@link rnnkit.train.Clipping}, the {@link rnnkit.train.Trainer} whose history is a Tablesaw table,
 * {@link rnnkit.plot.Plots#lossCurves} to plot it, and live progress in a notebook.
 */
package rnnkit.train;

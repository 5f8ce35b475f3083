/**
 * Layers, losses and models around the cells: {@link rnnkit.nn.Embedding}, {@link rnnkit.nn.Linear},
 * {@link rnnkit.nn.Loss} (softmax and sigmoid cross-entropy), {@link rnnkit.nn.ManyToManyModel},
 * {@link rnnkit.nn.ManyToOneModel}, and {@link rnnkit.nn.CharSampler} for generating text.
 */
package rnnkit.nn;

/**
 * What the first lessons need beyond the library: the generated name-tagging sentences and the
 * helpers that turn them into batches and word-by-word tables ({@link rnnkit.lessons.basics.NameSentences},
 * {@link rnnkit.lessons.basics.NameTagging}) for lesson 01; one-sided and centered differences
 * ({@link rnnkit.lessons.basics.FiniteDifferences}) and an RNN cell whose backward pass is written out
 * and can carry a deliberate bug ({@link rnnkit.lessons.basics.BuggyRnnCell}) for lesson 05.
 *
 * <p>Not imported by the kernel: a notebook starts with {@code import rnnkit.lessons.basics.*;}.
 */
package rnnkit.lessons.basics;

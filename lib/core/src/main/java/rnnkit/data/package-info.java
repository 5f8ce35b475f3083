/**
 * Turning text into training data: {@link rnnkit.data.Vocabulary}, {@link rnnkit.data.OneHot},
 * {@link rnnkit.data.CharCorpus}.
 */
package rnnkit.data;

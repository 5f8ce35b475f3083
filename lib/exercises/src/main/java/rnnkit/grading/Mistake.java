package rnnkit.grading;

import rnnkit.tensor.Matrix;

/**
 * A known mistake and the matrix it produces: when a student's result matches {@code result},
 * {@link Expect#close} names the mistake with {@code sentence}.
 *
 * @param sentence what went wrong and how to fix it, e.g. "tanh is missing"
 * @param result what the mistake gives on the grader's inputs; null when it cannot be computed (then it never matches)
 */
public record Mistake(String sentence, Matrix result) {

    public Mistake {
        if (sentence == null || sentence.isEmpty()) {
            throw new IllegalArgumentException("a mistake needs a sentence naming it");
        }
    }
}

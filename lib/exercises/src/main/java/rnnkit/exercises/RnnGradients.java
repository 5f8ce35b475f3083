package rnnkit.exercises;

import rnnkit.tensor.Matrix;

/** What exercise 2's backward pass returns: dL/dWxh (X, H), dL/dWhh (H, H), dL/dbh (1, H), dL/dh0 (B, H). */
public record RnnGradients(Matrix dWxh, Matrix dWhh, Matrix dbh, Matrix dh0) {
}

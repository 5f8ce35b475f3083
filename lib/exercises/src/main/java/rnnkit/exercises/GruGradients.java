package rnnkit.exercises;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/** What exercise 6's backward step returns: every parameter's gradient by name ({@code p.zerosLike()} has them), dL/dx and dL/dhPrev. */
public record GruGradients(Parameters parameters, Matrix dx, Matrix dhPrev) {
}

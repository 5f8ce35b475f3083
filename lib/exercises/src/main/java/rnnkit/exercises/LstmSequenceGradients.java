package rnnkit.exercises;

import java.util.List;

import rnnkit.cells.State;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/** What exercise 7 returns: the parameters' gradients by name, dL/dx_1 .. dL/dx_T, and dL/d(h_0, c_0) as State.of(dh0, dc0). */
public record LstmSequenceGradients(Parameters parameters, List<Matrix> dxs, State dInitial) {
}

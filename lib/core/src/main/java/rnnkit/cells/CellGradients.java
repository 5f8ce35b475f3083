package rnnkit.cells;

import java.util.List;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * What {@link RecurrentCell#backward} returns.
 *
 * @param parameters dL/dW for every parameter, under the parameter's own name ({@code "Whz"})
 * @param inputs dL/dx_t for t = 1..T, each B x X
 * @param initialState dL/dh_0 (and dL/dc_0 for the LSTM), each B x H
 */
public record CellGradients(Parameters parameters, List<Matrix> inputs, State initialState) {
}

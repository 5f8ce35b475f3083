/**
 * The finite-difference gradient check that every backward pass in rnnkit is tested against: the
 * algorithm ({@link rnnkit.gradcheck.GradientCheck}), its result and table
 * ({@link rnnkit.gradcheck.GradientCheckReport}), and the loss a cell is checked on
 * ({@code CellObjective}); a model is checked on {@link rnnkit.nn.SequenceModel#objective}.
 */
package rnnkit.gradcheck;

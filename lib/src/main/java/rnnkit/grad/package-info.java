/**
 * Named parameter sets ({@link rnnkit.grad.Parameters}) and the finite-difference gradient check
 * ({@link rnnkit.grad.GradientCheck}) that every backward pass in rnnkit is tested against.
 */
package rnnkit.grad;

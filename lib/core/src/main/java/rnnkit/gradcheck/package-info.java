/**
 * Named parameter sets ({@link rnnkit.params.Parameters}) and the finite-difference gradient check
 * ({@link rnnkit.gradcheck.GradientCheck}) that every backward pass in rnnkit is tested against.
 */
package rnnkit.gradcheck;

import rnnkit.params.Parameters;

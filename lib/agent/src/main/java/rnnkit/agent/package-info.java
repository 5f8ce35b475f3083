/**
 * Makes notebook code stoppable on every JDK: the kernel's Java agent ({@link rnnkit.agent.StopAgent})
 * puts a {@link rnnkit.agent.Stop#check()} before every loop turn of the classes cells define, and the
 * graders' time limit asks a looping test's thread to stop through {@link rnnkit.agent.Stop#request}.
 */
package rnnkit.agent;

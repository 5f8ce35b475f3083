/**
 * The exercises: the interfaces students implement in {@code notebooks/exercises/}, and their
 * graders, JUnit 5 test classes that receive the student's implementation (through
 * {@link rnnkit.grading.Submission}) and compare it with the library's reference cells and with
 * finite differences. Each test isolates one term of the equations (only the bias non-zero, a gate
 * forced open or shut, gradient flowing in from one side), so its message can name the likely mistake.
 *
 * <pre>
 *   exercise 1  RnnForward     RnnForwardGrader
 *   exercise 2  RnnBackward    RnnBackwardGrader
 *   exercise 3  GruForward     GruForwardGrader
 *   exercise 4  LstmStep       LstmStepGrader
 *   exercise 5  CharLoopParts  CharLoopGrader
 * </pre>
 */
package rnnkit.exercises;

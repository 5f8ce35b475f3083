/**
 * Runs an exercise's grader, a JUnit 5 test class from {@code rnnkit.exercises}, on a student's
 * implementation, inside the notebook kernel, through the JUnit Platform Launcher.
 *
 * <pre>{@code
 * GradeReport grade = Grading.run(RnnForwardGrader.class, MyRnnForward::new);   // shows the table
 * grade.scoreLine()                                                               // "Score: 9 / 9"
 * }</pre>
 *
 * <p>The implementation is passed in the same call that grades it, so a class the student
 * redefined in a later cell is the one graded. Every test runs under a time limit: a loop that never
 * ends is stopped and reported. A stub that throws "not implemented yet" is reported as such.
 */
package rnnkit.grading;

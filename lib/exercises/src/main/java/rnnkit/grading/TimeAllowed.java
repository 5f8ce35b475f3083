package rnnkit.grading;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a grader class: the time each of its tests may take, when longer than the limit {@link Grading#run}
 * was given (an exercise that trains a model needs more than the default 5 s).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TimeAllowed {
    /** Seconds per test. */
    int seconds();
}

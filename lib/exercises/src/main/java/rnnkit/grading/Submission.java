package rnnkit.grading;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The JUnit 5 extension every grader uses ({@code @ExtendWith(Submission.class)}): it hands the
 * student's implementation to the grader, a fresh instance per test (as a parameter of the
 * grader's test methods or constructor, of the exercise's interface type), and runs every test
 * under the time limit.
 *
 * <p>{@link Grading#run} sets the implementation and the limit for the duration of one run; a grader
 * run any other way fails with a message saying so.
 */
public final class Submission implements ParameterResolver, InvocationInterceptor {

    private static volatile Supplier<?> current;
    private static volatile Duration limit = Grading.DEFAULT_TIME_LIMIT;

    /** Set once a test of this run was stopped at the limit: the rest are not run (each would cost the full limit). */
    private static volatile boolean timedOut;

    static void set(Supplier<?> submission, Duration timeLimit) {
        current = submission;
        limit = timeLimit;
        timedOut = false;
    }

    static void clear() {
        current = null;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type.isInterface() && type.getPackageName().equals("rnnkit.exercises");
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Supplier<?> supplier = current;
        if (supplier == null) {
            throw new ParameterResolutionException("no submission: run graders with Grading.run(Grader.class, MyClass::new)");
        }
        if (timedOut) {
            throw new SubmissionFailed(new NotRun());
        }
        Class<?> type = parameter.getParameter().getType();
        Object made;
        try {
            made = TimeLimit.call(supplier::get, limitFor(context), "creating your object");
        } catch (TimeLimitExceeded e) {
            timedOut = true;
            throw new SubmissionFailed(e);
        } catch (Throwable t) {
            throw new SubmissionFailed(t);
        }
        if (made != null) {
            return check(made, type);
        }
        throw new ParameterResolutionException("your supplier returned null instead of a " + type.getSimpleName());
    }

    private static Object check(Object made, Class<?> type) {
        if (!type.isInstance(made)) {
            for (Class<?> c = made.getClass(); c != null; c = c.getSuperclass()) {
                for (Class<?> i : c.getInterfaces()) {
                    if (i.getSimpleName().equals(type.getSimpleName())) {
                        throw new ParameterResolutionException(made.getClass().getSimpleName() + " implements an interface "
                                + type.getSimpleName() + " declared in this notebook, not the kit's " + type.getName()
                                + ": delete your own " + type.getSimpleName() + " and run your class's cell again");
                    }
                }
            }
            throw new ParameterResolutionException("this grader needs a " + type.getSimpleName() + ", but "
                    + made.getClass().getSimpleName() + " does not implement it (write: class Mine implements "
                    + type.getSimpleName() + ")");
        }
        return made;
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        if (timedOut) {
            invocation.skip();
            throw new NotRun();
        }
        try {
            timed(invocation, limitFor(extensionContext));
        } catch (TimeLimitExceeded e) {
            timedOut = true;
            throw e;
        }
    }

    /** The run's limit, or the grader's own {@link TimeAllowed} when that is longer. */
    private static Duration limitFor(ExtensionContext context) {
        Duration own = context.getTestClass().map(c -> c.getAnnotation(TimeAllowed.class))
                .map(a -> Duration.ofSeconds(a.seconds())).orElse(Duration.ZERO);
        return own.compareTo(limit) > 0 ? own : limit;
    }

    private static void timed(Invocation<Void> invocation, Duration limit) throws Throwable {
        TimeLimit.call(() -> {
            try {
                return invocation.proceed();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new RuntimeException(t);
            }
        }, limit, "this test");
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        interceptTestMethod(invocation, invocationContext, extensionContext);
    }

    /** A test left out because an earlier one was stopped at the time limit. */
    static final class NotRun extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotRun() {
            super("not run: an earlier test was stopped at the time limit; fix that loop first");
        }
    }

    /** Building the student's object failed (it threw, or ran past the limit); the cause says how. */
    static final class SubmissionFailed extends ParameterResolutionException {
        private static final long serialVersionUID = 1L;

        SubmissionFailed(Throwable cause) {
            super("creating your object failed: " + cause, cause);
        }
    }
}

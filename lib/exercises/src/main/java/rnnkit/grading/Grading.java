package rnnkit.grading;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import rnnkit.grading.TestResult.Status;
import rnnkit.notebook.JupyterKernel;

/**
 * Grades a student's implementation with an exercise's grader (a JUnit 5 test class in
 * {@code rnnkit.exercises}) through the JUnit Platform Launcher.
 *
 * <pre>{@code
 * GradeReport grade = Grading.run(RnnForwardGrader.class, MyRnnForward::new);
 * }</pre>
 *
 * <p>In a notebook the report is shown at once (score line and table, plus a machine-readable copy
 * for {@code environment/grade}); nothing goes to stderr. Each test gets a fresh object from the
 * supplier and at most {@link #DEFAULT_TIME_LIMIT} (or the limit given); a test past it is stopped and
 * reported as such. A stub throwing "not implemented yet" is reported as "not implemented yet". Each
 * row also carries a {@link TestResult.Status} (passed, failed, timed out, not implemented) for programs
 * that read the report.
 */
public final class Grading {

    /** How long one grader test (with the student's code in it) may run. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(5);

    private Grading() {
    }

    /** Grades, with the default time limit, and shows the report when running in a notebook. */
    public static <T> GradeReport run(Class<?> grader, Supplier<? extends T> submission) {
        return run(grader, submission, DEFAULT_TIME_LIMIT);
    }

    /** Grades with a per-test time limit, and shows the report when running in a notebook. */
    public static synchronized <T> GradeReport run(Class<?> grader, Supplier<? extends T> submission, Duration timeLimit) {
        if (grader == null) {
            throw new IllegalArgumentException("grader must not be null");
        }
        if (submission == null) {
            throw new IllegalArgumentException("submission must not be null: pass your class, e.g. MyRnnForward::new");
        }
        if (timeLimit == null || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive, got " + timeLimit);
        }
        GradeReport report = grade(grader, submission, timeLimit);
        if (JupyterKernel.running()) {
            GradeDisplay.show(report);
        }
        return report;
    }

    /** Grades without showing anything (the library's tests use this). */
    public static synchronized GradeReport grade(Class<?> grader, Supplier<?> submission, Duration timeLimit) {
        requireGenuine(grader);
        Collector collector = new Collector();
        Submission.set(submission, timeLimit);
        try {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(grader))
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                    .build();
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request, collector);
        } finally {
            Submission.clear();
        }
        if (collector.results.isEmpty()) {
            throw new IllegalArgumentException(grader.getName() + " has no tests: is it a grader from rnnkit.exercises?");
        }
        return new GradeReport(exerciseName(grader), collector.results);
    }

    /**
     * Refuses a grader that is not one of the kit's: a class a notebook declares with a grader's name
     * hides the kit's class of that name in the cells that follow ({@code import rnnkit.exercises.*}
     * yields to it), so {@code Grading.run(RnnForwardGrader.class, ...)} would run the notebook's own
     * tests. A genuine grader is public, in {@code rnnkit.exercises}, extended by {@link Submission},
     * and comes from the same jar (or class folder) as this class.
     */
    static void requireGenuine(Class<?> grader) {
        boolean kits = grader.getPackageName().equals("rnnkit.exercises")
                && java.lang.reflect.Modifier.isPublic(grader.getModifiers())
                && sameOrigin(grader, Grading.class)
                && usesSubmission(grader);
        if (!kits) {
            String name = grader.getSimpleName().replaceAll("^\\$JShell\\$\\d+[A-Z]?\\$", "");
            throw new IllegalArgumentException(name + " is not the kit's grader but a class declared in this notebook"
                    + " (it hides rnnkit.exercises." + name + "): delete or rename that class, run its cell again,"
                    + " then grade with the full name, rnnkit.exercises." + name + ".class");
        }
    }

    private static boolean sameOrigin(Class<?> a, Class<?> b) {
        if (a.getClassLoader() != b.getClassLoader()) {
            return false;
        }
        java.security.CodeSource ca = a.getProtectionDomain().getCodeSource();
        java.security.CodeSource cb = b.getProtectionDomain().getCodeSource();
        return ca != null && cb != null && ca.getLocation() != null && ca.getLocation().equals(cb.getLocation());
    }

    private static boolean usesSubmission(Class<?> grader) {
        org.junit.jupiter.api.extension.ExtendWith with = grader.getAnnotation(org.junit.jupiter.api.extension.ExtendWith.class);
        return with != null && java.util.Arrays.asList(with.value()).contains(Submission.class);
    }

    /** RnnForwardGrader -> rnn_forward. */
    static String exerciseName(Class<?> grader) {
        String name = grader.getSimpleName().replaceFirst("Grader$", "");
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** A failed test's row: how it ended, and the sentence it shows, pointing at the likely mistake. */
    static TestResult failed(String test, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().toLowerCase(java.util.Locale.ROOT).contains("not implemented")) {
                return new TestResult(test, Status.NOT_IMPLEMENTED, "not implemented yet");
            }
            if (c instanceof TimeLimitExceeded) {
                return new TestResult(test, Status.TIMED_OUT, c.getMessage());
            }
            if (c instanceof Submission.NotRun) {
                return new TestResult(test, Status.FAILED, c.getMessage());
            }
        }
        return new TestResult(test, Status.FAILED, describe(t));
    }

    /** The sentence of a test that failed neither as a stub nor at the time limit. */
    private static String describe(Throwable t) {
        if (t instanceof Submission.SubmissionFailed) {
            return "creating your object failed: " + describe(t.getCause());
        }
        if (t instanceof AssertionError) {
            return String.valueOf(t.getMessage());
        }
        String where = studentFrame(t).map(f -> " (at " + f + ")").orElse("");
        String message = t.getMessage() == null ? "" : ": " + t.getMessage();
        return "your code threw " + t.getClass().getSimpleName() + message + where;
    }

    /** The first stack frame in the student's code (not in the JDK, JUnit or rnnkit). */
    private static Optional<String> studentFrame(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (!(c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("org.junit.")
                    || c.startsWith("rnnkit."))) {
                String simple = c.substring(c.lastIndexOf('.') + 1).replaceAll("^\\$JShell\\$\\d+[A-Z]?\\$", "");
                return Optional.of(simple + "." + e.getMethodName()
                        + (e.getLineNumber() > 0 ? " line " + e.getLineNumber() : ""));
            }
        }
        return Optional.empty();
    }

    /** Collects one result per test, in the order they ran. */
    private static final class Collector implements TestExecutionListener {
        final List<TestResult> results = new ArrayList<>();
        private TestPlan plan;

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            plan = testPlan;
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                results.add(new TestResult(name(id), Status.FAILED, "skipped: " + reason));
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            boolean ok = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            if (!id.isTest() && (ok || id.getParentId().isEmpty())) {
                return;
            }
            // A grader class that could not start gets one row too, so the failure is never silent.
            String test = id.isTest() ? name(id) : id.getDisplayName();
            results.add(ok ? new TestResult(test, Status.PASSED, "")
                    : result.getThrowable().map(t -> failed(test, t)).orElse(new TestResult(test, Status.FAILED, "failed")));
        }

        /** A parameterised test's runs are named after the test, then the run: "output shape [B = 1]". */
        private String name(TestIdentifier id) {
            Optional<TestIdentifier> parent = plan.getParent(id);
            if (parent.isPresent() && parent.get().getSource().filter(MethodSource.class::isInstance).isPresent()) {
                return parent.get().getDisplayName() + " " + id.getDisplayName();
            }
            return id.getDisplayName();
        }
    }
}

package rnnkit.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import rnnkit.grading.GradeReport;
import rnnkit.grading.Grading;
import rnnkit.grading.TestResult;

/** Runs a grader on an implementation and states what its report must say. */
final class GraderAssertions {

    private GraderAssertions() {
    }

    static GradeReport grade(Class<?> grader, Supplier<?> submission) {
        return Grading.grade(grader, submission, Duration.ofSeconds(10));
    }

    static void fullMarks(Class<?> grader, Supplier<?> solution) {
        GradeReport report = grade(grader, solution);
        assertTrue(report.total() >= 5, "a grader has at least five tests, got " + report.total());
        assertEquals(report.total(), report.score(), () -> "the reference solution must score full marks:\n" + report.plain());
    }

    /** The mistake fails at least one test, and a failed test's message contains {@code named}. */
    static void failsNaming(Class<?> grader, Supplier<?> wrong, String named) {
        GradeReport report = grade(grader, wrong);
        assertTrue(report.score() < report.total(), () -> "the mistake went unnoticed:\n" + report.plain());
        String messages = report.results().stream().filter(r -> !r.passed()).map(TestResult::message)
                .collect(Collectors.joining("\n"));
        assertTrue(messages.contains(named), () -> "no failure names the mistake ('" + named + "'):\n" + report.plain());
    }

    /** The mistake fails exactly one test, whose message contains {@code named}: it is reported once, as itself. */
    static void failsOnly(Class<?> grader, Supplier<?> wrong, String named) {
        GradeReport report = grade(grader, wrong);
        java.util.List<TestResult> failed = report.results().stream().filter(r -> !r.passed()).toList();
        assertEquals(1, failed.size(), () -> "expected exactly one failed test:\n" + report.plain());
        assertTrue(failed.get(0).message().contains(named), () -> "the failure does not name the mistake ('" + named + "'):\n" + report.plain());
    }
}

package rnnkit.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import rnnkit.agent.InstrumentingClassLoader;
import rnnkit.exercises.RnnForward;
import rnnkit.exercises.RnnForwardGrader;
import rnnkit.grading.TestResult.Status;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;
import tech.tablesaw.api.Table;

@DisplayName("Grading")
class GradingTest {

    static final class Stub implements RnnForward {
        @Override
        public Matrix step(Matrix x, Matrix hPrev, Parameters p) {
            throw new UnsupportedOperationException("not implemented yet");
        }

        @Override
        public List<Matrix> forward(List<Matrix> xs, Matrix h0, Parameters p) {
            throw new UnsupportedOperationException("not implemented yet");
        }
    }

    /** step done (correctly), forward still a stub. */
    static final class Half implements RnnForward {
        @Override
        public Matrix step(Matrix x, Matrix hPrev, Parameters p) {
            return x.matmul(p.get("Wxh")).plus(hPrev.matmul(p.get("Whh"))).plusRow(p.get("bh")).map(Math::tanh);
        }

        @Override
        public List<Matrix> forward(List<Matrix> xs, Matrix h0, Parameters p) {
            throw new UnsupportedOperationException("not implemented yet");
        }
    }

    @Nested
    @DisplayName("a stub that throws 'not implemented yet'")
    class Stubs {
        @Test
        @DisplayName("scores 0, every test reported as not implemented")
        void scoresZero() {
            GradeReport r = Grading.grade(RnnForwardGrader.class, Stub::new, Duration.ofSeconds(5));
            assertEquals(0, r.score());
            assertTrue(r.total() >= 5);
            assertTrue(r.results().stream().allMatch(t -> t.message().equals("not implemented yet")), r::plain);
            assertTrue(r.results().stream().allMatch(t -> t.status() == Status.NOT_IMPLEMENTED), r::plain);
        }

        @Test
        @DisplayName("a stub beside finished code: its tests not implemented, the others passed")
        void halfDone() {
            GradeReport r = Grading.grade(RnnForwardGrader.class, Half::new, Duration.ofSeconds(5));
            assertTrue(0 < r.score() && r.score() < r.total(), r::plain);
            for (TestResult t : r.results()) {
                assertEquals(t.passed() ? Status.PASSED : Status.NOT_IMPLEMENTED, t.status(), r::plain);
                assertEquals(t.passed(), t.message().isEmpty(), r::plain);
            }
        }

        @Test
        @DisplayName("a constructor that throws is reported too")
        void constructor() {
            GradeReport r = Grading.grade(RnnForwardGrader.class, () -> {
                throw new IllegalStateException("broken constructor");
            }, Duration.ofSeconds(5));
            assertEquals(0, r.score());
            assertTrue(r.results().get(0).message().contains("broken constructor"), r::plain);
            assertTrue(r.results().stream().allMatch(t -> t.status() == Status.FAILED), r::plain);
        }
    }

    /** The grading threads still alive. */
    static List<Thread> gradingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(TimeLimit.THREAD_NAME) && t.isAlive()).toList();
    }

    /** students.Endless as a notebook cell defines it in a kernel started with the agent: every loop turn checked. */
    static Supplier<Object> instrumentedEndless() throws Exception {
        ClassLoader loader = new InstrumentingClassLoader(GradingTest.class.getClassLoader(), "students.Endless"::equals);
        Constructor<?> made = loader.loadClass("students.Endless").getDeclaredConstructor();
        return () -> {
            try {
                return made.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    @DisplayName("an endless loop is stopped at the time limit, reported as such, and no grading thread runs afterwards (every JDK)")
    void endlessLoop() throws Exception {
        long start = System.nanoTime();
        GradeReport r = Grading.grade(RnnForwardGrader.class, instrumentedEndless(), Duration.ofMillis(300));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, r.score());
        assertTrue(r.results().get(0).message().contains("ran longer than the time limit of 0.3 s and was stopped"), r::plain);
        assertTrue(r.results().stream().skip(1).allMatch(t -> t.message().startsWith("not run: an earlier test was stopped")),
                r::plain);
        // Only the test that was stopped is timed out; those left out after it failed without running.
        assertEquals(Status.TIMED_OUT, r.results().get(0).status(), r::plain);
        assertTrue(r.results().stream().skip(1).allMatch(t -> t.status() == Status.FAILED), r::plain);
        assertTrue(seconds < 10, "took " + seconds + " s");
        assertEquals(List.of(), gradingThreads(), "a grading thread is still running after the report (Java "
                + Runtime.version().feature() + ")");
    }

    @Test
    @DisplayName("code the agent did not instrument: stopped on Java 17-19 (Thread.stop); from 20 on, reported as still running")
    void uninstrumentedLoop() throws Exception {
        students.Endless.release = false;
        try {
            GradeReport r = Grading.grade(RnnForwardGrader.class, students.Endless::new, Duration.ofMillis(300));
            String first = r.results().get(0).message();
            if (Runtime.version().feature() < 20) {
                assertTrue(first.contains("and was stopped"), r::plain);
                assertEquals(List.of(), gradingThreads());
            } else {
                assertTrue(first.contains("and could not be stopped: it keeps a processor busy until the kernel restarts"), r::plain);
                assertEquals(1, gradingThreads().size());
            }
        } finally {
            students.Endless.release = true;
        }
        for (Thread t : gradingThreads()) {
            t.join(2000);
        }
        assertEquals(List.of(), gradingThreads());
    }

    @Test
    @DisplayName("an exception names its type, its message and the student's line")
    void exception() {
        GradeReport r = Grading.grade(RnnForwardGrader.class, students.Throws::new, Duration.ofSeconds(5));
        assertEquals(0, r.score(), r::plain);
        assertTrue(r.results().get(0).message().startsWith("your code threw IllegalArgumentException"), r::plain);
        assertTrue(r.results().stream().anyMatch(t -> t.message().contains("IndexOutOfBoundsException")
                && t.message().contains("Throws.forward line")), r::plain);
        assertTrue(r.results().stream().allMatch(t -> t.status() == Status.FAILED), r::plain);
    }

    @Test
    @DisplayName("the report: a table of test, passed, message; a score line; JSON")
    void report() {
        GradeReport r = Grading.grade(RnnForwardGrader.class, Stub::new, Duration.ofSeconds(5));
        Table t = r.table();
        assertEquals(List.of("test", "passed", "message"), t.columnNames());
        assertEquals(r.total(), t.rowCount());
        assertEquals("Score: 0 / " + r.total() + " (rnn_forward)", r.scoreLine());
        assertTrue(r.json().startsWith("{\"exercise\": \"rnn_forward\", \"score\": 0, \"total\": " + r.total()), r.json());
        assertEquals("\"a\\\"b\\nc\"", GradeReport.quote("a\"b\nc"));
    }

    @Test
    @DisplayName("the JSON gives each test's status, one of four keys, beside its message")
    void jsonStatus() {
        GradeReport r = new GradeReport("rnn_forward", List.of(
                new TestResult("a", Status.PASSED, ""),
                new TestResult("b", Status.FAILED, "the bias term bh is missing"),
                new TestResult("c", Status.TIMED_OUT, "this test ran longer than the time limit of 5 s"),
                new TestResult("d", Status.NOT_IMPLEMENTED, "not implemented yet")));
        assertEquals("{\"exercise\": \"rnn_forward\", \"score\": 1, \"total\": 4, \"tests\": ["
                + "{\"test\": \"a\", \"passed\": true, \"status\": \"passed\", \"message\": \"\"}, "
                + "{\"test\": \"b\", \"passed\": false, \"status\": \"failed\", \"message\": \"the bias term bh is missing\"}, "
                + "{\"test\": \"c\", \"passed\": false, \"status\": \"timed_out\", "
                + "\"message\": \"this test ran longer than the time limit of 5 s\"}, "
                + "{\"test\": \"d\", \"passed\": false, \"status\": \"not_implemented\", \"message\": \"not implemented yet\"}]}",
                r.json());
        GradeReport stub = Grading.grade(RnnForwardGrader.class, Stub::new, Duration.ofSeconds(5));
        assertEquals(stub.total(), stub.json().split("\"status\": \"not_implemented\"", -1).length - 1, stub.json());
        assertThrows(IllegalArgumentException.class, () -> new TestResult("e", null, ""));
    }

    @Test
    @DisplayName("a class declared with a grader's name is refused, not run: it cannot grade itself 100%")
    void shadowedGrader() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Grading.grade(students.RnnForwardGrader.class, Stub::new, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().startsWith("RnnForwardGrader is not the kit's grader but a class declared in this notebook"),
                e.getMessage());
        assertTrue(e.getMessage().contains("rnnkit.exercises.RnnForwardGrader.class"), e.getMessage());
        // a test class of the kit's own package that is not a grader (no Submission extension) is refused too
        assertThrows(IllegalArgumentException.class, () -> Grading.grade(GradingTest.class, Stub::new, Duration.ofSeconds(5)));
    }

    @Test
    @DisplayName("a class implementing an interface the notebook declared under the exercise's name is told so")
    void ownInterface() {
        GradeReport r = Grading.grade(RnnForwardGrader.class, students.OwnInterface::new, Duration.ofSeconds(5));
        assertEquals(0, r.score(), r::plain);
        assertTrue(r.results().get(0).message().contains("implements an interface RnnForward declared in this notebook"), r::plain);
    }

    @Test
    @DisplayName("bad arguments are refused by name")
    void badArguments() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Grading.run(RnnForwardGrader.class, null));
        assertTrue(e.getMessage().contains("submission"));
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Grading.run(RnnForwardGrader.class, Stub::new, Duration.ZERO));
        assertTrue(e.getMessage().contains("timeLimit"));
    }
}

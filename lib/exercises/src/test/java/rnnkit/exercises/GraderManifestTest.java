package rnnkit.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import rnnkit.grading.GradeReport;
import rnnkit.grading.Grading;
import rnnkit.grading.TestResult;

/**
 * environment/graders.json, the batch grader's list of the real graders: for each exercise its grader,
 * the interface a submission implements, and the names of its tests in order. environment/grade rejects
 * a report whose tests differ from these (a notebook that graded itself with a class of its own), and
 * names the exercise and its total in every row, also for a notebook that never produced a report.
 * Regenerate after changing a grader: {@code mvn -pl lib/exercises -am verify -Dtest=GraderManifestTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Drnnkit.manifest.write=true}.
 */
@DisplayName("environment/graders.json")
class GraderManifestTest {

    static final List<Class<?>> GRADERS = List.of(RnnForwardGrader.class, RnnBackwardGrader.class, GruForwardGrader.class,
            LstmStepGrader.class, CharLoopGrader.class, GruBackwardGrader.class, LstmBpttGrader.class, CharModelGrader.class);
    static final Path MANIFEST = Path.of("../../environment/graders.json");

    /** The exercise's interface: the type of the submission a grader's tests take. */
    static Class<?> exerciseInterface(Class<?> grader) {
        for (Method m : grader.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Test.class) && m.getParameterCount() == 1) {
                return m.getParameterTypes()[0];
            }
        }
        throw new IllegalStateException(grader + " has no test taking a submission");
    }

    /** A submission whose every method throws "not implemented yet", as an untouched stub does. */
    static Object stub(Class<?> type) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? "stub" : method.getName().equals("hashCode") ? 0 : proxy == args[0];
            }
            throw new UnsupportedOperationException("not implemented yet");
        });
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String manifest() {
        StringBuilder s = new StringBuilder("{\n");
        for (int k = 0; k < GRADERS.size(); k++) {
            Class<?> grader = GRADERS.get(k);
            Class<?> type = exerciseInterface(grader);
            GradeReport r = Grading.grade(grader, () -> stub(type), Duration.ofSeconds(10));
            List<String> tests = r.results().stream().map(TestResult::test).toList();
            s.append("  ").append(quote(r.exercise())).append(": {\"grader\": ").append(quote(grader.getSimpleName()))
                    .append(", \"interface\": ").append(quote(type.getSimpleName())).append(", \"total\": ").append(tests.size())
                    .append(", \"tests\": [\n")
                    .append(tests.stream().map(t -> "    " + quote(t)).collect(Collectors.joining(",\n")))
                    .append("\n  ]}").append(k + 1 < GRADERS.size() ? ",\n" : "\n");
        }
        return s.append("}\n").toString();
    }

    @Test
    @DisplayName("lists every grader's tests as they run today")
    void current() throws IOException {
        String now = manifest();
        if (Boolean.getBoolean("rnnkit.manifest.write")) {
            Files.writeString(MANIFEST, now, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(MANIFEST) ? Files.readString(MANIFEST, StandardCharsets.UTF_8) : "";
        assertEquals(now, committed, "environment/graders.json is out of date: regenerate it with -Drnnkit.manifest.write=true"
                + " (see this test's Javadoc)");
        assertEquals(GRADERS.size(), Arrays.stream(now.split("\"grader\"")).count() - 1);
    }
}

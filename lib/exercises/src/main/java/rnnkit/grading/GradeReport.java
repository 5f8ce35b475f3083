package rnnkit.grading;

import java.util.List;

import rnnkit.notebook.TableHtml;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of grading one exercise: one row per grader test (test, passed, message, and a status
 * for programs) and the score, the number of tests passed out of all.
 */
public final class GradeReport {

    /** The MIME type of the machine-readable copy the grading cell adds to its output (read by environment/grade). */
    public static final String MIME = "text/x-rnnkit-grade";

    private final String exercise;
    private final List<TestResult> results;

    GradeReport(String exercise, List<TestResult> results) {
        this.exercise = exercise;
        this.results = List.copyOf(results);
    }

    /** The exercise's name, e.g. {@code "rnn_forward"}. */
    public String exercise() {
        return exercise;
    }

    public List<TestResult> results() {
        return results;
    }

    /** Tests passed. */
    public int score() {
        return (int) results.stream().filter(TestResult::passed).count();
    }

    /** Tests run. */
    public int total() {
        return results.size();
    }

    public boolean fullMarks() {
        return total() > 0 && score() == total();
    }

    /** For example {@code "Score: 7 / 9 (rnn_forward)"}. */
    public String scoreLine() {
        return "Score: " + score() + " / " + total() + " (" + exercise + ")";
    }

    /** The report as a table: test, passed ("yes" or "no"), message. */
    public Table table() {
        return Table.create(exercise,
                StringColumn.create("test", results.stream().map(TestResult::test)),
                StringColumn.create("passed", results.stream().map(r -> r.passed() ? "yes" : "no")),
                StringColumn.create("message", results.stream().map(TestResult::message)));
    }

    /** The score line, then the table, as HTML. */
    public String html() {
        return "<p><b>" + TableHtml.escape(scoreLine()) + "</b></p>\n" + TableHtml.render(table());
    }

    /** The score line, then one line per test. */
    public String plain() {
        StringBuilder s = new StringBuilder(scoreLine()).append('\n');
        for (TestResult r : results) {
            s.append(r.passed() ? "  passed  " : "  FAILED  ").append(r.test());
            if (!r.message().isEmpty()) {
                s.append(": ").append(r.message());
            }
            s.append('\n');
        }
        return s.toString();
    }

    /**
     * {"exercise", "score", "total", "tests": [{"test", "passed", "status", "message"}]}, where status is
     * one of "passed", "failed", "timed_out", "not_implemented" ({@link TestResult.Status#key()}): programs
     * read the status, people the message.
     */
    public String json() {
        StringBuilder s = new StringBuilder("{\"exercise\": ").append(quote(exercise))
                .append(", \"score\": ").append(score()).append(", \"total\": ").append(total()).append(", \"tests\": [");
        for (int k = 0; k < results.size(); k++) {
            TestResult r = results.get(k);
            s.append(k == 0 ? "" : ", ").append("{\"test\": ").append(quote(r.test())).append(", \"passed\": ")
                    .append(r.passed()).append(", \"status\": ").append(quote(r.status().key()))
                    .append(", \"message\": ").append(quote(r.message())).append('}');
        }
        return s.append("]}").toString();
    }

    static String quote(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        s.append(String.format("\\u%04x", (int) ch));
                    } else {
                        s.append(ch);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    @Override
    public String toString() {
        return plain();
    }
}

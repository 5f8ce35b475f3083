package students;

import org.junit.jupiter.api.Test;

/** What a student could declare in a cell to hide the kit's grader: one test that always passes. */
public class RnnForwardGrader {
    @Test
    void ok() {
    }
}

package rnnkit.notebook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A lesson's Check")
class CheckTest {

    @Test
    @DisplayName("passes a claim that holds and fails one that does not, with its message")
    void that() {
        assertDoesNotThrow(() -> Check.that(2 > 1, "two exceeds one"));
        var e = assertThrows(AssertionError.class, () -> Check.that(3.5 >= 100, "ratio %.1f is at least 100", 3.5));
        assertEquals("claim failed: ratio 3.5 is at least 100", e.getMessage());
    }

    @Test
    @DisplayName("compares numbers within a tolerance, naming both values, and never passes NaN")
    void close() {
        assertDoesNotThrow(() -> Check.close(0.1 + 0.2, 0.3, 1e-15, "sum"));
        var e = assertThrows(AssertionError.class, () -> Check.close(1.5, 1.0, 0.1, "|h_30|"));
        assertEquals("claim failed: |h_30| is 1.5000000000000000, expected 1.0000000000000000 "
                + "(difference 0.500 > tolerance 0.100)", e.getMessage());
        assertThrows(AssertionError.class, () -> Check.close(Double.NaN, 1.0, 1e9, "nan"));
    }
}

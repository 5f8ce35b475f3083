package rnnkit.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CellKindTest {

    @ParameterizedTest(name = "X = {0}, H = {1}")
    @CsvSource({"1, 1", "10, 4", "110, 64", "8, 16"})
    void formulaMatchesTheCode(int x, int h) {
        for (CellKind kind : CellKind.values()) {
            assertEquals(kind.formulaCount(x, h), kind.create(x, h, 1).parameterCount(), kind.label());
        }
        assertEquals((long) h * (x + h + 1), CellKind.RNN.formulaCount(x, h));
    }
}

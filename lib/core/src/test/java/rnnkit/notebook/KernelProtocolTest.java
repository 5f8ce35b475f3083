package rnnkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The kernel protocol repairs")
class KernelProtocolTest {

    @Test
    @DisplayName("the history answers every kind of lookup, empty")
    void emptyHistoryAnswers() {
        var none = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        assertTrue(KernelProtocol.EMPTY_HISTORY.lookupTail(10, none).isEmpty());
        assertTrue(KernelProtocol.EMPTY_HISTORY.lookupRange(0, 1, 5, none).isEmpty());
        assertTrue(KernelProtocol.EMPTY_HISTORY.search("*", 10, none).isEmpty());
    }

    @Test
    @DisplayName("the language version is the Java feature release")
    void languageVersion() {
        assertEquals(String.valueOf(Runtime.version().feature()), KernelProtocol.languageVersion());
        assertTrue(KernelProtocol.languageVersion().matches("\\d+"));
    }
}

package rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Progress of training and of long work")
class ProgressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2.0, 2.000", "2.10344, 2.103", "0.012345, 0.01235", "0.00123456, 0.001235", "0.5, 0.5000",
            "123.456, 123.5", "4170.2, 4170", "12345.6, 12346", "9.99996, 10.00", "0.0099999, 0.01000",
            "0.000012345, 1.235e-5", "0.00099999, 1.000e-3", "-0.5, -0.5000", "3.2e7, 3.200e7", "0, 0",
            "NaN, NaN", "Infinity, Infinity"})
    @DisplayName("a loss is printed with four significant digits, never as 0.0000")
    void significantDigits(double x, String expected) {
        assertEquals(expected, ProgressListener.significant(x));
    }

    @Test
    @DisplayName("the progress line of a run whose loss has fallen near 0 still shows the loss")
    void smallLossLine() {
        assertEquals("step 480/500  loss 3.142e-5  9.6 s, about 0 s left", ProgressListener.describe(480, 500, 3.1416e-5, 9.6));
        assertEquals("step 500/500  loss 4.200e-4  10.0 s, done", ProgressListener.describe(500, 500, 4.2e-4, 10.0));
    }

    @Test
    @DisplayName("long work counts units from several threads and names the last one")
    void workCounts() throws Exception {
        List<String> shown = new ArrayList<>();
        WorkProgress.provide(() -> (what, done, total, last, seconds, finished) ->
                shown.add(done + "/" + total + (finished ? " end" : "")));
        try {
            assertFalse(WorkProgress.active());
            WorkProgress.Counter counter;
            try (WorkProgress progress = WorkProgress.start("runs", 40)) {
                counter = (WorkProgress.Counter) progress;
                assertTrue(WorkProgress.active());
                assertSame(ProgressListener.NONE, ProgressListener.auto("inner"), "runs inside the work add no displays");
                ExecutorService pool = Executors.newFixedThreadPool(4);
                for (int k = 0; k < 40; k++) {
                    int id = k;
                    pool.submit(() -> progress.done("run " + id));
                }
                pool.shutdown();
                assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            }
            assertEquals(40, counter.doneCount());
            assertFalse(WorkProgress.active());
            assertEquals(41, shown.size());
            assertEquals("40/40 end", shown.get(40));
            assertEquals("runs 4/15 done, last GRU seed 3  6.1 s, about 17 s left",
                    WorkProgress.describe("runs", 4, 15, "GRU seed 3", 6.1));
            assertEquals("models 3/3 done  20.0 s", WorkProgress.describe("models", 3, 3, null, 20.0));
            assertThrows(IllegalArgumentException.class, () -> WorkProgress.start("runs", 0));
        } finally {
            WorkProgress.provide(() -> null);
        }
    }

    @Test
    @DisplayName("outside a kernel, work shows nothing and does not fail")
    void workOutsideAKernel() {
        try (WorkProgress progress = WorkProgress.start("runs", 2)) {
            progress.done("a");
            progress.done("b");
            progress.done("one too many");
            assertEquals(2, ((WorkProgress.Counter) progress).doneCount());
        }
        assertFalse(WorkProgress.active());
    }
}

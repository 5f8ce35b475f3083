package rnnkit.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Stop and StopInstrumenter")
class StopTest {

    @AfterEach
    void clear() {
        Stop.clear();
    }

    private static Runnable instrumentedSpin() throws Exception {
        ClassLoader loader = new InstrumentingClassLoader(StopTest.class.getClassLoader(), "rnnkit.agent.Spin"::equals);
        Class<?> spin = loader.loadClass("rnnkit.agent.Spin");
        assertNotEquals(Spin.class, spin, "the loader must define its own, instrumented copy");
        return (Runnable) spin.getDeclaredConstructor().newInstance();
    }

    @Test
    @DisplayName("an endless loop in instrumented code ends at its next turn once its thread is asked to stop, on any JDK")
    void stopsTheLoop() throws Exception {
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                instrumentedSpin().run();
            } catch (Throwable t) {
                ended.set(t);
            }
        });
        worker.setDaemon(true);
        worker.start();
        worker.join(200);
        assertTrue(worker.isAlive(), "the loop runs until asked to stop");
        Stop.request(worker);
        worker.join(2000);
        assertFalse(worker.isAlive(), "the thread is still running after the stop request");
        assertInstanceOf(StopRequested.class, ended.get(), "it ends by StopRequested, past the catch of RuntimeException");
    }

    @Test
    @DisplayName("a request for another thread leaves this one alone")
    void onlyTheTarget() {
        Stop.request(new Thread(() -> { }));
        Stop.check();
        Stop.request(Thread.currentThread());
        try {
            Stop.check();
        } catch (StopRequested expected) {
            return;
        }
        throw new AssertionError("check() did not throw in the thread asked to stop");
    }

    @Test
    @DisplayName("the instrumented class behaves as before while no stop is requested")
    void sameBehaviour() throws Exception {
        ClassLoader loader = new InstrumentingClassLoader(StopTest.class.getClassLoader(), "rnnkit.agent.Loops"::equals);
        Object loops = loader.loadClass("rnnkit.agent.Loops").getDeclaredConstructor().newInstance();
        assertEquals(new Loops().toString(), loops.toString());
    }

    @Test
    @DisplayName("the agent picks only the classes notebook cells define (package REPL)")
    void cellClassesOnly() {
        assertTrue(StopAgent.isCellClass("REPL/$JShell$12$MyRnnForward", ClassLoader.getSystemClassLoader()));
        assertFalse(StopAgent.isCellClass("rnnkit/tensor/Matrix", ClassLoader.getSystemClassLoader()));
        assertFalse(StopAgent.isCellClass("java/lang/String", null));
        assertEquals(null, StopInstrumenter.instrument(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0x7f, 0}),
                "a class file newer than ASM knows is left alone");
    }
}

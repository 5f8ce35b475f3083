package rnnkit.agent;

/** Loops of the kinds students write by mistake; loaded instrumented by the tests. */
public final class Spin implements Runnable {

    public static volatile long turns;

    @Override
    public void run() {
        // a counter that never reaches its bound, inside a loop whose exception handler swallows Exceptions
        for (int t = 0; t < 1; t += 0) {
            try {
                for (int k = 0; k < 1000; k++) {
                    turns++;
                }
            } catch (RuntimeException e) {
                turns = -1;
            }
        }
    }
}

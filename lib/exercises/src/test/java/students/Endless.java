package students;

import java.util.List;

import rnnkit.exercises.RnnForward;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/**
 * A submission whose step never ends (a counter that never moves) and whose forward spins. Until
 * {@link #release} is set, that is: a test that runs it uninstrumented on Java 20+, where nothing can
 * stop it, sets the flag to free the processor afterwards.
 */
public final class Endless implements RnnForward {

    public static volatile boolean release;

    @Override
    public Matrix step(Matrix x, Matrix hPrev, Parameters p) {
        Matrix h = hPrev;
        for (int t = 0; t < 1 && !release; t += 0) {
            h = h.map(Math::tanh);
        }
        return h;
    }

    @Override
    public List<Matrix> forward(List<Matrix> xs, Matrix h0, Parameters p) {
        while (!release) {
            Thread.onSpinWait();
        }
        return List.of();
    }
}

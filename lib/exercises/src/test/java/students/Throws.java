package students;

import java.util.List;

import rnnkit.exercises.RnnForward;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/** A submission outside the library's packages (as a notebook's class is), whose code throws. */
public final class Throws implements RnnForward {
    @Override
    public Matrix step(Matrix x, Matrix hPrev, Parameters p) {
        return x.matmul(p.get("Whh"));
    }

    @Override
    public List<Matrix> forward(List<Matrix> xs, Matrix h0, Parameters p) {
        return List.of(xs.get(xs.size()));
    }
}

package students;

import java.util.List;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/** A class implementing the notebook's own RnnForward, not the kit's. */
public final class OwnInterface implements RnnForward {

    @Override
    public Matrix step(Matrix x, Matrix hPrev, Parameters p) {
        return hPrev;
    }

    @Override
    public List<Matrix> forward(List<Matrix> xs, Matrix h0, Parameters p) {
        return List.of();
    }
}

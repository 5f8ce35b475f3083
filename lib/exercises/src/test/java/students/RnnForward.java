package students;

import java.util.List;

import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/** An interface a notebook could declare under the exercise's name, hiding the kit's rnnkit.exercises.RnnForward. */
public interface RnnForward {
    Matrix step(Matrix x, Matrix hPrev, Parameters p);

    List<Matrix> forward(List<Matrix> xs, Matrix h0, Parameters p);
}

package rnnkit.exercises;

import java.util.List;

import rnnkit.cells.CellGradients;
import rnnkit.cells.LstmCell;
import rnnkit.cells.State;
import rnnkit.cells.Trace;
import rnnkit.params.Parameters;
import rnnkit.tensor.Matrix;

/** One correct LSTM step, forward and backward, for exercise 7's grader: LstmCell on the parameters it is given. */
final class ReferenceLstmStep implements LstmStep {

    private LstmCell cellFor(Matrix x, Parameters p) {
        LstmCell cell = new LstmCell(x.cols(), p.get("Whi").rows(), 1);
        for (String n : cell.parameters().names()) {
            cell.parameters().get(n).copyFromInPlace(p.get(n));
        }
        return cell;
    }

    @Override
    public State forward(Matrix x, State prev, Parameters p) {
        return cellFor(x, p).forward(List.of(x), prev.copy()).finalState();
    }

    @Override
    public LstmGradients backward(Matrix x, State prev, Parameters p, State dNext) {
        LstmCell cell = cellFor(x, p);
        Trace trace = cell.forward(List.of(x), prev.copy());
        CellGradients g = cell.backward(trace, null, dNext.copy());
        return new LstmGradients(g.parameters(), g.inputs().get(0), g.initialState());
    }
}

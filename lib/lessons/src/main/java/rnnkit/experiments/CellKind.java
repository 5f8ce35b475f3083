package rnnkit.experiments;

import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.cells.RecurrentCell;
import rnnkit.cells.RnnCell;

/**
 * The three cells an experiment compares, each made the same way: {@code kind.create(X, H, seed)}.
 *
 * <p>The GRU is {@link GruCell.Options#DEFAULT}; the LSTM starts with its forget bias at 1
 * ({@link LstmCell.Options#forgetBias(double)}), the usual choice, so it starts out remembering.
 */
public enum CellKind {
    RNN("RNN"), GRU("GRU"), LSTM("LSTM");

    private final String label;

    CellKind(String label) {
        this.label = label;
    }

    /** A fresh cell of this kind with input size X, hidden size H, weights from {@code seed}. */
    public RecurrentCell create(int inputSize, int hiddenSize, long seed) {
        return switch (this) {
            case RNN -> new RnnCell(inputSize, hiddenSize, seed);
            case GRU -> new GruCell(inputSize, hiddenSize, seed);
            case LSTM -> new LstmCell(inputSize, hiddenSize, seed, LstmCell.Options.forgetBias(1.0));
        };
    }

    /** How many blocks of H (X + H + 1) parameters the cell has: 1, 3 or 4. */
    public int blocks() {
        return switch (this) {
            case RNN -> 1;
            case GRU -> 3;
            case LSTM -> 4;
        };
    }

    /** The parameter count the formula gives: blocks · H (X + H + 1). */
    public long formulaCount(int inputSize, int hiddenSize) {
        return (long) blocks() * hiddenSize * (inputSize + hiddenSize + 1);
    }

    public String label() {
        return label;
    }
}

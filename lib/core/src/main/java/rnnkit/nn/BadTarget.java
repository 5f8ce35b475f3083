package rnnkit.nn;

/**
 * A target row a loss refuses: the row of the stacked targets and what is wrong with it, so that a
 * {@link SequenceModel}, which stacks the targets of its steps, can name the step and the example.
 */
final class BadTarget extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    final int row;
    final String problem;

    BadTarget(int row, String problem) {
        super("targets row " + row + ": " + problem);
        this.row = row;
        this.problem = problem;
    }
}

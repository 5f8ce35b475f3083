package rnnkit.tensor;

import rnnkit.cells.RnnCell;

/**
 * A deliberate back-edge, from the bottom layer up to the cells, in the test sources only:
 * {@code ArchitectureTest.aBackEdgeIsReported} checks that the layering rule catches it.
 */
final class BackEdgeFixture {

    private BackEdgeFixture() {
    }

    static int hiddenSizeOf(RnnCell cell) {
        return cell.hiddenSize();
    }
}

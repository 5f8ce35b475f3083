package rnnkit.data;

import java.util.ArrayList;
import java.util.List;

import rnnkit.tensor.Matrix;

/** One-hot rows: id v among V becomes the row with a 1 in column v and 0 elsewhere. */
public final class OneHot {

    private OneHot() {
    }

    /** A B x V matrix whose row b is the one-hot vector of ids[b]. */
    public static Matrix rows(int[] ids, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        Matrix m = Matrix.zeros(ids.length, size);
        for (int b = 0; b < ids.length; b++) {
            if (ids[b] < 0 || ids[b] >= size) {
                throw new IllegalArgumentException("ids[" + b + "] must be in [0, " + size + "), got " + ids[b]);
            }
            m.set(b, ids[b], 1.0);
        }
        return m;
    }

    /** The 1 x V one-hot row of a single id. */
    public static Matrix row(int id, int size) {
        return rows(new int[] {id}, size);
    }

    /**
     * A batch of id sequences as T one-hot matrices: {@code ids[b][t]} is example b's token at step t,
     * and step t becomes a B x V matrix. Every sequence must have the same length T.
     */
    public static List<Matrix> sequence(int[][] ids, int size) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("ids: the batch must have B >= 1 sequences, got 0");
        }
        int steps = ids[0].length;
        List<Matrix> out = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            int[] column = new int[ids.length];
            for (int b = 0; b < ids.length; b++) {
                if (ids[b].length != steps) {
                    throw new IllegalArgumentException("ids[" + b + "] has length " + ids[b].length + ", but ids[0] has " + steps);
                }
                column[b] = ids[b][t];
            }
            out.add(rows(column, size));
        }
        return out;
    }

    /** The index of the largest entry of each row (the predicted id). */
    public static int[] argmax(Matrix m) {
        int[] out = new int[m.rows()];
        for (int b = 0; b < m.rows(); b++) {
            int best = 0;
            for (int k = 1; k < m.cols(); k++) {
                if (m.get(b, k) > m.get(b, best)) {
                    best = k;
                }
            }
            out[b] = best;
        }
        return out;
    }
}

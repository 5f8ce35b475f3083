package rnnkit.cells;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import rnnkit.tensor.Matrix;

/**
 * The recurrent state a cell carries from one step to the next: {@code h} for the RNN and the
 * GRUs, {@code h} and {@code c} for the LSTM. Each part is a B x H matrix, one row per example.
 *
 * <p>A state is a value: cells never modify a state they are given. The same type also holds the
 * gradient with respect to a state ({@code dh}, {@code dc}), under the same names.
 */
public final class State {

    private final Matrix h;
    private final Matrix c;   // null for a state of h alone

    private State(Matrix h, Matrix c) {
        this.h = h;
        this.c = c;
    }

    /** A state with just a hidden state h (B x H). */
    public static State of(Matrix h) {
        return new State(Objects.requireNonNull(h, "h"), null);
    }

    /** A state with a hidden state h and a cell state c (both B x H), as the LSTM has. */
    public static State of(Matrix h, Matrix c) {
        return new State(Objects.requireNonNull(h, "h"), Objects.requireNonNull(c, "c"));
    }

    /** Zeros for every name in {@code names} ({@code ["h"]} or {@code ["h", "c"]}), each batch x hidden. */
    public static State zeros(List<String> names, int batch, int hidden) {
        if (names.equals(List.of("h"))) {
            return of(Matrix.zeros(batch, hidden));
        }
        if (names.equals(List.of("h", "c"))) {
            return of(Matrix.zeros(batch, hidden), Matrix.zeros(batch, hidden));
        }
        throw new IllegalArgumentException("a state has the parts [h] or [h, c], got " + names);
    }

    /** The hidden state h. */
    public Matrix h() {
        return h;
    }

    /** The LSTM cell state c. */
    public Matrix c() {
        if (c == null) {
            throw new IllegalArgumentException("state has no part 'c'; its parts are " + names());
        }
        return c;
    }

    /** The same state with {@code h} in place of its hidden state (the cell state, if any, is shared). */
    public State withH(Matrix h) {
        return new State(Objects.requireNonNull(h, "h"), c);
    }

    public Matrix get(String name) {
        if (name.equals("h")) {
            return h;
        }
        if (name.equals("c") && c != null) {
            return c;
        }
        throw new IllegalArgumentException("state has no part '" + name + "'; its parts are " + names());
    }

    public boolean has(String name) {
        return name.equals("h") || name.equals("c") && c != null;
    }

    public List<String> names() {
        return c == null ? List.of("h") : List.of("h", "c");
    }

    public Map<String, Matrix> asMap() {
        Map<String, Matrix> parts = new LinkedHashMap<>();
        parts.put("h", h);
        if (c != null) {
            parts.put("c", c);
        }
        return Collections.unmodifiableMap(parts);
    }

    /** A deep copy. Carrying {@code finalState().copy()} into the next chunk is truncated BPTT. */
    public State copy() {
        return new State(h.copy(), c == null ? null : c.copy());
    }

    /** Overwrites every part of this state with the same part of {@code source}; for the cells' own buffers only. */
    State copyFromInPlace(State source) {
        h.copyFromInPlace(source.h);
        if (c != null) {
            c.copyFromInPlace(source.c());
        }
        return this;
    }

    /** Sets every part of this state to zero; for the cells' own buffers only. */
    State zeroInPlace() {
        h.zeroInPlace();
        if (c != null) {
            c.zeroInPlace();
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof State s && h.equals(s.h) && Objects.equals(c, s.c);
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("State");
        asMap().forEach((n, m) -> s.append("\n").append(n).append(" = ").append(m));
        return s.toString();
    }
}

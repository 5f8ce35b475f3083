package rnnkit.cells;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rnnkit.tensor.Matrix;

/**
 * The recurrent state a cell carries from one step to the next: {@code h} for the RNN and the
 * GRUs, {@code h} and {@code c} for the LSTM. Each part is a B x H matrix, one row per example.
 *
 * <p>A state is a value: cells never modify a state they are given. The same type also holds the
 * gradient with respect to a state ({@code dh}, {@code dc}), under the same names.
 */
public final class State {

    private final LinkedHashMap<String, Matrix> parts;

    private State(LinkedHashMap<String, Matrix> parts) {
        this.parts = parts;
    }

    /** A state with just a hidden state h (B x H). */
    public static State of(Matrix h) {
        return of("h", h);
    }

    /** A state with a hidden state h and a cell state c (both B x H), as the LSTM has. */
    public static State of(Matrix h, Matrix c) {
        return of("h", h, "c", c);
    }

    /** A state from name, matrix pairs: {@code State.of("h", h, "c", c)}. */
    public static State of(Object... namesAndMatrices) {
        if (namesAndMatrices.length % 2 != 0) {
            throw new IllegalArgumentException("State.of needs name, matrix pairs, got " + namesAndMatrices.length + " arguments");
        }
        LinkedHashMap<String, Matrix> parts = new LinkedHashMap<>();
        for (int k = 0; k < namesAndMatrices.length; k += 2) {
            if (!(namesAndMatrices[k] instanceof String name) || !(namesAndMatrices[k + 1] instanceof Matrix m)) {
                throw new IllegalArgumentException("State.of needs name, matrix pairs; argument " + k + " is not");
            }
            parts.put(name, m);
        }
        return new State(parts);
    }

    /** Zeros for every name in {@code names}, each batch x hidden. */
    public static State zeros(List<String> names, int batch, int hidden) {
        LinkedHashMap<String, Matrix> parts = new LinkedHashMap<>();
        for (String n : names) {
            parts.put(n, Matrix.zeros(batch, hidden));
        }
        return new State(parts);
    }

    /** The hidden state h. */
    public Matrix h() {
        return get("h");
    }

    /** The LSTM cell state c. */
    public Matrix c() {
        return get("c");
    }

    public Matrix get(String name) {
        Matrix m = parts.get(name);
        if (m == null) {
            throw new IllegalArgumentException("state has no part '" + name + "'; its parts are " + names());
        }
        return m;
    }

    public boolean has(String name) {
        return parts.containsKey(name);
    }

    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(parts.keySet()));
    }

    public Map<String, Matrix> asMap() {
        return Collections.unmodifiableMap(parts);
    }

    /** A deep copy. Carrying {@code finalState().copy()} into the next chunk is truncated BPTT. */
    public State copy() {
        LinkedHashMap<String, Matrix> p = new LinkedHashMap<>();
        parts.forEach((n, m) -> p.put(n, m.copy()));
        return new State(p);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof State s && parts.equals(s.parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("State");
        parts.forEach((n, m) -> s.append("\n").append(n).append(" = ").append(m));
        return s.toString();
    }
}

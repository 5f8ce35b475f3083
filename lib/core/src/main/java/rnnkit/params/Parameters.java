package rnnkit.params;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import rnnkit.tensor.Matrix;

/**
 * Named matrices in a fixed order: the parameters of a cell or model, or their gradients.
 *
 * <p>Every tensor is looked up by its name ({@code params.get("Whz")}), never by position, and a
 * gradient holder made by {@link #zerosLike()} carries the same names, so {@code grads.get("Whz")}
 * is the gradient of {@code params.get("Whz")}. {@link #get} returns the live matrix: changing its
 * entries changes the model (the gradient check and the optimisers rely on this).
 *
 * <p>{@link #version()} counts the changes made through the library: every optimiser step,
 * {@link #set}, {@link #zeroInPlace}, a loaded model file, and {@link #markChanged()}. A trace
 * records the version its forward pass ran with, so a backward pass after an update is refused
 * instead of returning gradients of weights that no longer exist. Writing single entries of a
 * matrix from {@link #get} (as the gradient check does) is not counted: call
 * {@link #markChanged()} after such an edit if a trace from before it must be refused.
 */
public final class Parameters {

    private final LinkedHashMap<String, Matrix> tensors = new LinkedHashMap<>();
    /** The groups added whole by {@link #addAll}: a change to either side changes the other's version. */
    private final List<Parameters> groups = new ArrayList<>();
    private long changes;

    /** Adds a tensor under a new name; returns the same matrix, so a constructor can keep a field. */
    public Matrix add(String name, Matrix value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name must be a non-empty string, got " + name);
        }
        if (value == null) {
            throw new IllegalArgumentException(name + ": value must not be null");
        }
        if (tensors.containsKey(name)) {
            throw new IllegalArgumentException(name + ": a tensor with this name already exists");
        }
        tensors.put(name, value);
        return value;
    }

    /** Adds every tensor of {@code other}, each under {@code prefix + name}. */
    public Parameters addAll(String prefix, Parameters other) {
        other.tensors.forEach((n, m) -> add(prefix + n, m));
        groups.add(other);
        return this;
    }

    /**
     * A count that grows with every change made through the library (see the class comment):
     * equal versions mean no optimiser step or {@link #set} happened in between. The version of a
     * model's parameters includes those of its parts (the cell's, the output layer's), and a change
     * made through the model counts for every part.
     */
    public long version() {
        long v = changes;
        for (Parameters g : groups) {
            v += g.version();
        }
        return v;
    }

    /** Records that the tensors were changed (optimisers call it after every update); returns this. */
    public Parameters markChanged() {
        changes++;
        for (Parameters g : groups) {
            g.markChanged();
        }
        return this;
    }

    /** The live tensor called {@code name}; throws naming the known names when there is none. */
    public Matrix get(String name) {
        Matrix m = tensors.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "'; the names are " + names());
        }
        return m;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    /**
     * Copies {@code value} into the tensor called {@code name} (the shapes must match). This is how
     * weights from elsewhere, for example a reference framework, are loaded by name.
     */
    public Parameters set(String name, Matrix value) {
        Matrix target = get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + ": value must not be null");
        }
        if (!target.sameShape(value)) {
            throw new IllegalArgumentException(name + ": expected shape " + target.shape() + ", got " + value.shape());
        }
        target.copyFromInPlace(value);
        markChanged();
        return this;
    }

    /** The names, in order. */
    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(tensors.keySet()));
    }

    /** The name to tensor map, in order, read-only (the tensors themselves are live). */
    public Map<String, Matrix> asMap() {
        return Collections.unmodifiableMap(tensors);
    }

    /** The number of tensors. */
    public int size() {
        return tensors.size();
    }

    /** The number of scalar parameters: the sum of the tensors' entry counts. */
    public int count() {
        int n = 0;
        for (Matrix m : tensors.values()) {
            n += m.size();
        }
        return n;
    }

    public void forEach(BiConsumer<String, Matrix> action) {
        tensors.forEach(action);
    }

    /** Zeros of the same names and shapes: a fresh gradient holder. */
    public Parameters zerosLike() {
        Parameters p = new Parameters();
        tensors.forEach((n, m) -> p.add(n, Matrix.zeros(m.rows(), m.cols())));
        return p;
    }

    /** A deep copy (new matrices, same values). */
    public Parameters copy() {
        Parameters p = new Parameters();
        tensors.forEach((n, m) -> p.add(n, m.copy()));
        return p;
    }

    /** Sets every tensor to zero; returns this. */
    public Parameters zeroInPlace() {
        tensors.values().forEach(Matrix::zeroInPlace);
        return markChanged();
    }

    /** The global norm, sqrt of the sum of every squared entry of every tensor. */
    public double globalNorm() {
        double s = 0.0;
        for (Matrix m : tensors.values()) {
            double n = m.norm();
            s += n * n;
        }
        return Math.sqrt(s);
    }

    /** Names and shapes, one per line, then the total count. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        tensors.forEach((n, m) -> s.append(n).append(' ').append(m.shape()).append('\n'));
        return s.append("total ").append(count()).append(" parameters").toString();
    }
}

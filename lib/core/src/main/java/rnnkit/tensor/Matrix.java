package rnnkit.tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * A dense matrix of doubles, stored as one array per row.
 *
 * <pre>
 *   rows x cols = 2 x 3          data = [ [a b c], [d e f] ]
 *   | a b c |                    entry (i, j) lives at data[i][j]
 *   | d e f |
 * </pre>
 *
 * <p>One array per row lets the JIT compile the row loops of the products into vector
 * instructions (see {@link MatMul}); the flat position k of the row-major order, used by
 * {@link #getFlat} and {@link #entry}, is the entry (k / cols, k % cols).
 *
 * <p>In rnnkit a batch of B vectors of size N is a B x N matrix (one vector per row), so a
 * layer computes {@code x W} with W of shape N x H. Methods that return a new matrix are named
 * for the value they compute ({@link #plus}, {@link #matmul}) and leave this matrix alone; methods
 * that change this matrix end in {@code InPlace} ({@link #addInPlace}, {@link #setToTimesInPlace})
 * and return {@code this}. The two entry setters, {@link #set} and {@link #setFlat}, are the only
 * other methods that write. Shapes are checked on every call, and a wrong shape throws
 * {@link IllegalArgumentException} naming both shapes.
 *
 * <p>A matrix has value equality: {@link #equals} compares the shapes and every entry bit for bit.
 * EJML's mutable matrices leave {@code equals} as identity, because a value that changes makes a bad
 * key: a matrix put into a {@code HashSet} or used as a {@code HashMap} key and then changed in
 * place can no longer be found. rnnkit keeps value equality anyway, because its tests and the
 * exercise graders ask exactly that question ("is this gradient bit-for-bit the one a fresh pass
 * gives?") and {@code assertEquals} should answer it; the library itself never uses a matrix as a
 * key (parameters are keyed by name). Do not put a matrix you still change into a hash-based
 * collection.
 */
public final class Matrix {

    private final int rows;
    private final int cols;
    private final double[][] data;

    private Matrix(int rows, int cols, double[][] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    // ---------------------------------------------------------------- construction

    /**
     * A rows x cols matrix of zeros.
     *
     * @throws IllegalArgumentException if a size is negative, or the matrix has more entries than
     *     an int counts or needs more memory than the Java heap may ever hold (the message gives the
     *     numbers, the bytes, the heap and what to change)
     * @throws OutOfMemoryError if it would fit the heap but the heap is too full now (the same message)
     */
    public static Matrix zeros(int rows, int cols) {
        requireSize("rows", rows);
        requireSize("cols", cols);
        long entries = (long) rows * cols;
        if (entries > LARGE) {
            requireMemory(rows, cols, Runtime.getRuntime().maxMemory());
            try {
                return new Matrix(rows, cols, new double[rows][cols]);
            } catch (OutOfMemoryError e) {
                OutOfMemoryError explained = new OutOfMemoryError(tooLarge(rows, cols, Runtime.getRuntime().maxMemory())
                        + " The heap is too full for it now: free memory (restart the kernel) or use smaller sizes");
                explained.initCause(e);
                throw explained;
            }
        }
        return new Matrix(rows, cols, new double[rows][cols]);
    }

    /** Matrices of up to this many entries (8 MB) are made without checking the heap first. */
    private static final long LARGE = 1L << 20;

    /** Refuses a matrix whose entries an int cannot count or whose bytes exceed {@code maxHeap}. */
    static void requireMemory(int rows, int cols, long maxHeap) {
        long entries = (long) rows * cols;
        if (entries > Integer.MAX_VALUE || bytes(rows, cols) > maxHeap) {
            throw new IllegalArgumentException(tooLarge(rows, cols, maxHeap));
        }
    }

    /** The approximate bytes of a rows x cols matrix: 8 per entry and about 16 per row array. */
    static long bytes(int rows, int cols) {
        return 8L * rows * cols + 16L * rows;
    }

    static String tooLarge(int rows, int cols, long maxHeap) {
        return "a " + rows + " x " + cols + " matrix holds " + String.format(java.util.Locale.ROOT, "%,d", (long) rows * cols)
                + " numbers, " + readableBytes(bytes(rows, cols)) + ", but the Java heap holds at most " + readableBytes(maxHeap)
                + " (Runtime.maxMemory()). Use smaller sizes (check the hidden size, the batch and the sequence length for an"
                + " extra zero); for a long text, train on chunks with truncated BPTT (Chunks, CharCorpus.chunk) instead of"
                + " one sequence.";
    }

    /** Bytes as B, KB, MB, GB or TB (powers of 1024), two significant decimals. */
    static String readableBytes(long n) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB", "PB", "EB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " bytes" : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** A rows x cols matrix with every entry equal to {@code value}. */
    public static Matrix filled(int rows, int cols, double value) {
        Matrix m = zeros(rows, cols);
        for (double[] row : m.data) {
            Arrays.fill(row, value);
        }
        return m;
    }

    /** The n x n identity. */
    public static Matrix identity(int n) {
        Matrix m = zeros(n, n);
        for (int i = 0; i < n; i++) {
            m.data[i][i] = 1.0;
        }
        return m;
    }

    /**
     * A matrix from its rows, copied: {@code Matrix.of(new double[][] {{1, 2}, {3, 4}})}.
     * Every row must have the same length.
     */
    public static Matrix of(double[][] values) {
        if (values == null) {
            throw new IllegalArgumentException("values must not be null");
        }
        int r = values.length;
        for (int i = 0; i < r; i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException("values: row " + i + " is null; every row must be an array of numbers,"
                        + " for example new double[] {1, 2}");
            }
        }
        int c = r == 0 ? 0 : values[0].length;
        Matrix m = zeros(r, c);
        for (int i = 0; i < r; i++) {
            if (values[i].length != c) {
                throw new IllegalArgumentException("values must be rectangular: row 0 has " + c
                        + " entries but row " + i + " has " + values[i].length);
            }
            System.arraycopy(values[i], 0, m.data[i], 0, c);
        }
        return m;
    }

    /** A 1 x n row vector holding a copy of {@code values}. */
    public static Matrix row(double... values) {
        if (values == null) {
            throw new IllegalArgumentException("values must not be null");
        }
        Matrix m = zeros(1, values.length);
        System.arraycopy(values, 0, m.data[0], 0, values.length);
        return m;
    }

    /**
     * A rows x cols matrix whose entries are drawn independently from N(0, std^2) by {@code random}.
     * The same generator state gives the same matrix, which is how every rnnkit result is seeded.
     */
    public static Matrix gaussian(int rows, int cols, double std, Random random) {
        Matrix m = zeros(rows, cols);
        for (double[] row : m.data) {
            for (int j = 0; j < cols; j++) {
                row[j] = std * random.nextGaussian();
            }
        }
        return m;
    }

    /** A rows x cols matrix whose entries are drawn independently and uniformly from [-limit, limit). */
    public static Matrix uniform(int rows, int cols, double limit, Random random) {
        Matrix m = zeros(rows, cols);
        for (double[] row : m.data) {
            for (int j = 0; j < cols; j++) {
                row[j] = limit * (2.0 * random.nextDouble() - 1.0);
            }
        }
        return m;
    }

    // ---------------------------------------------------------------- shape and access

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The number of entries, rows * cols. */
    public int size() {
        return rows * cols;
    }

    /** The shape as text, for example {@code "(2, 3)"}. */
    public String shape() {
        return "(" + rows + ", " + cols + ")";
    }

    public boolean sameShape(Matrix other) {
        return rows == other.rows && cols == other.cols;
    }

    public double get(int i, int j) {
        checkIndex(i, j);
        return data[i][j];
    }

    public Matrix set(int i, int j, double value) {
        checkIndex(i, j);
        data[i][j] = value;
        return this;
    }

    /** The entry at flat position {@code k} of the row-major order, entry (k / cols, k % cols). */
    public double getFlat(int k) {
        checkFlat(k);
        return data[k / cols][k % cols];
    }

    public Matrix setFlat(int k, double value) {
        checkFlat(k);
        data[k / cols][k % cols] = value;
        return this;
    }

    /** A copy of row i as a 1 x cols matrix. */
    public Matrix rowAt(int i) {
        checkIndex(i, 0);
        Matrix r = zeros(1, cols);
        System.arraycopy(data[i], 0, r.data[0], 0, cols);
        return r;
    }

    /** A copy of the entries as rows of a 2-D array. */
    public double[][] toArray() {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = data[i].clone();
        }
        return out;
    }

    public Matrix copy() {
        return new Matrix(rows, cols, toArray());
    }

    /** The row arrays themselves, for the loops of this package ({@link EntryWise}); never handed out. */
    double[][] rowArrays() {
        return data;
    }

    // ---------------------------------------------------------------- products

    /** this (r x n) times other (n x c), a new r x c matrix. */
    public Matrix matmul(Matrix other) {
        if (cols != other.rows) {
            throw new IllegalArgumentException("matmul: inner sizes differ: " + shape() + " x " + other.shape());
        }
        return zeros(rows, other.cols).addProductInPlace(this, other);
    }

    /** this^T (n x r)^T times other (n x c), a new r x c matrix; backprop uses it for dW = x^T dy. */
    public Matrix matmulTransA(Matrix other) {
        if (rows != other.rows) {
            throw new IllegalArgumentException("matmulTransA: row counts differ: " + shape() + "^T x " + other.shape());
        }
        return zeros(cols, other.cols).addTransAProductInPlace(this, other);
    }

    /** this (r x n) times other^T (c x n)^T, a new r x c matrix; backprop uses it for dx = dy W^T. */
    public Matrix matmulTransB(Matrix other) {
        if (cols != other.cols) {
            throw new IllegalArgumentException("matmulTransB: column counts differ: " + shape() + " x " + other.shape() + "^T");
        }
        return zeros(rows, other.rows).addTransBProductInPlace(this, other);
    }

    /**
     * What the products run on, for benchmarks and bug reports: {@code "vector API, 512 bits"} (the
     * register-blocked kernels at the JVM's widest vector) or {@code "plain loops (...)"} with the
     * reason. See {@link MatMul}.
     */
    public static String productKernel() {
        return MatMul.description();
    }

    /** Sets this (c x r) to a^T, where a is r x c; returns this. */
    public Matrix setToTransposeInPlace(Matrix a) {
        if (a == this || a.rows != cols || a.cols != rows) {
            throw new IllegalArgumentException("setToTransposeInPlace: " + shape() + " cannot hold the transpose of " + a.shape());
        }
        MatMul.transpose(a.data, data, a.rows, a.cols);
        return this;
    }

    public Matrix transpose() {
        return zeros(cols, rows).setToTransposeInPlace(this);
    }

    // ---------------------------------------------------------------- entry-wise, new values

    public Matrix plus(Matrix other) {
        requireSameShape("plus", other);
        return copy().addInPlace(other);
    }

    public Matrix minus(Matrix other) {
        requireSameShape("minus", other);
        return copy().addScaledInPlace(-1.0, other);
    }

    /** The entry-wise (Hadamard) product, written ⊙ in the lessons. */
    public Matrix times(Matrix other) {
        requireSameShape("times", other);
        return copy().timesInPlace(other);
    }

    public Matrix scale(double factor) {
        return copy().scaleInPlace(factor);
    }

    /** f applied to every entry, as a new matrix. */
    public Matrix map(DoubleUnaryOperator f) {
        return copy().mapInPlace(f);
    }

    /**
     * this (B x N) plus the 1 x N row vector {@code bias} added to every row, as a new matrix.
     * This is how a bias b is added to a batch: x W + b.
     */
    public Matrix plusRow(Matrix bias) {
        if (bias.rows != 1 || bias.cols != cols) {
            throw new IllegalArgumentException("plusRow: bias must be (1, " + cols + ") to add to " + shape()
                    + ", but is " + bias.shape());
        }
        return copy().addRowInPlace(bias);
    }

    /** The 1 x cols row of column sums: the gradient of a bias that was added to every row. */
    public Matrix sumRows() {
        return zeros(1, cols).addColumnSumsInPlace(this);
    }

    /**
     * The rows of every part, one part below the other, as a new matrix: parts of shapes
     * (r1, c), (r2, c), ... give (r1 + r2 + ..., c). A batch over T steps stacks to a (T B, c) matrix.
     */
    public static Matrix stackRows(List<Matrix> parts) {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("stackRows: needs at least one matrix");
        }
        int c = parts.get(0).cols;
        int r = 0;
        for (Matrix p : parts) {
            if (p.cols != c) {
                throw new IllegalArgumentException("stackRows: column counts differ: " + parts.get(0).shape() + " and " + p.shape());
            }
            r += p.rows;
        }
        Matrix out = zeros(r, c);
        int i = 0;
        for (Matrix p : parts) {
            for (double[] row : p.data) {
                System.arraycopy(row, 0, out.data[i++], 0, c);
            }
        }
        return out;
    }

    /** [this | other]: the columns of other placed after this one's; both must have the same rows. */
    public Matrix concatCols(Matrix other) {
        if (rows != other.rows) {
            throw new IllegalArgumentException("concatCols: row counts differ: " + shape() + " and " + other.shape());
        }
        Matrix out = zeros(rows, cols + other.cols);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(data[i], 0, out.data[i], 0, cols);
            System.arraycopy(other.data[i], 0, out.data[i], cols, other.cols);
        }
        return out;
    }

    /**
     * The rows from (inclusive) to (exclusive) as a view: the two matrices share those rows, so a
     * write to either shows in both. The cells keep the per-step matrices of a pass as views of one
     * (T B) x c matrix, so that sums over the steps are single products and nothing is copied.
     */
    public Matrix viewRows(int from, int to) {
        if (from < 0 || to > rows || from > to) {
            throw new IllegalArgumentException("viewRows: [" + from + ", " + to + ") is not inside the "
                    + rows + " rows of " + shape());
        }
        return new Matrix(to - from, cols, Arrays.copyOfRange(data, from, to));
    }

    /** The columns from (inclusive) to (exclusive), as a new matrix. */
    public Matrix sliceCols(int from, int to) {
        if (from < 0 || to > cols || from > to) {
            throw new IllegalArgumentException("sliceCols: [" + from + ", " + to + ") is not inside the "
                    + cols + " columns of " + shape());
        }
        Matrix out = zeros(rows, to - from);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(data[i], from, out.data[i], 0, to - from);
        }
        return out;
    }

    // ---------------------------------------------------------------- entry-wise, in place

    /** this += other; returns this. */
    public Matrix addInPlace(Matrix other) {
        requireSameShape("addInPlace", other);
        for (int i = 0; i < rows; i++) {
            double[] row = data[i];
            double[] o = other.data[i];
            for (int j = 0; j < cols; j++) {
                row[j] += o[j];
            }
        }
        return this;
    }

    /** this += alpha * other; returns this. */
    public Matrix addScaledInPlace(double alpha, Matrix other) {
        requireSameShape("addScaledInPlace", other);
        for (int i = 0; i < rows; i++) {
            double[] row = data[i];
            double[] o = other.data[i];
            for (int j = 0; j < cols; j++) {
                row[j] += alpha * o[j];
            }
        }
        return this;
    }

    /**
     * this += a b, where a is r x n and b is n x c and this is r x c; returns this. Neither a nor b
     * may be this matrix. Cells use it to sum the terms x Wx + h Wh without a temporary per term.
     * Zero entries of a are skipped, so a one-hot x costs one row of b per example.
     */
    public Matrix addProductInPlace(Matrix a, Matrix b) {
        checkProduct(a, b, null);
        MatMul.addProduct(a.data, b.data, data, a.cols, cols);
        return this;
    }

    /** The checks of this += a b: no input is the output (bT may be null), and the shapes fit. */
    private void checkProduct(Matrix a, Matrix b, Matrix bT) {
        if (a == this || b == this || bT == this) {
            throw new IllegalArgumentException("addProductInPlace: the output " + shape() + " must not also be an input");
        }
        if (a.cols != b.rows || a.rows != rows || b.cols != cols) {
            throw new IllegalArgumentException("addProductInPlace: cannot add " + a.shape() + " x " + b.shape() + " to " + shape());
        }
    }

    /**
     * this += a b, like {@link #addProductInPlace(Matrix, Matrix)}, given also {@code bT}, the
     * transpose of b, which the caller keeps (a cell transposes each recurrent weight once per pass).
     * The result is the same to the last bit; with a few rows in a (a batch of 32 states against a
     * 256 x 256 weight) it comes faster, because the product then runs as (b^T a^T)^T, whose tiles
     * reuse each block of b^T for many rows. A few entries of b and bT are compared, so a transpose
     * that was not made again after b changed is reported, not used.
     */
    public Matrix addProductInPlace(Matrix a, Matrix b, Matrix bT) {
        checkProduct(a, b, bT);
        if (bT.rows != b.cols || bT.cols != b.rows) {
            throw new IllegalArgumentException("addProductInPlace: bT " + bT.shape() + " cannot be the transpose of b " + b.shape());
        }
        int n = b.rows;
        int m = b.cols;
        for (int s = 0; s < Math.max(n, m); s++) {   // a walk over both dimensions: one entry per row and per column
            int k = s % n;
            int j = (int) ((31L * s + 7) % m);
            if (Double.doubleToRawLongBits(b.data[k][j]) != Double.doubleToRawLongBits(bT.data[j][k])) {
                throw new IllegalArgumentException("addProductInPlace: bT is not the transpose of b: b(" + k + ", " + j + ") = "
                        + b.data[k][j] + " but bT(" + j + ", " + k + ") = " + bT.data[j][k]
                        + ". Transpose b again after it changes (did a weight change between a forward pass and its backward pass?)");
            }
        }
        MatMul.addProduct(a.data, b.data, bT.data, data, n, m);
        return this;
    }

    /**
     * this += a^T b, where a is n x r and b is n x c and this is r x c; returns this. Backprop uses
     * it to accumulate dW += x^T da over the steps. Zero entries of a are skipped.
     */
    public Matrix addTransAProductInPlace(Matrix a, Matrix b) {
        if (a == this || b == this) {
            throw new IllegalArgumentException("addTransAProductInPlace: the output " + shape() + " must not also be an input");
        }
        if (a.rows != b.rows || a.cols != rows || b.cols != cols) {
            throw new IllegalArgumentException("addTransAProductInPlace: cannot add " + a.shape() + "^T x " + b.shape()
                    + " to " + shape());
        }
        MatMul.addTransAProduct(a.data, b.data, data, rows, cols);
        return this;
    }

    /**
     * this += a b^T, where a is r x n and b is c x n and this is r x c; returns this. Backprop uses
     * it for dh += da W^T.
     */
    public Matrix addTransBProductInPlace(Matrix a, Matrix b) {
        if (a == this || b == this) {
            throw new IllegalArgumentException("addTransBProductInPlace: the output " + shape() + " must not also be an input");
        }
        if (a.cols != b.cols || a.rows != rows || b.rows != cols) {
            throw new IllegalArgumentException("addTransBProductInPlace: cannot add " + a.shape() + " x " + b.shape()
                    + "^T to " + shape());
        }
        MatMul.addTransBProduct(a.data, b.data, data, a.cols, cols);
        return this;
    }

    /** this += bias on every row, where bias is 1 x cols; returns this. The in-place {@link #plusRow}. */
    public Matrix addRowInPlace(Matrix bias) {
        if (bias.rows != 1 || bias.cols != cols) {
            throw new IllegalArgumentException("addRowInPlace: bias must be (1, " + cols + ") to add to " + shape()
                    + ", but is " + bias.shape());
        }
        double[] b = bias.data[0];
        for (double[] row : data) {
            for (int j = 0; j < cols; j++) {
                row[j] += b[j];
            }
        }
        return this;
    }

    /**
     * this += the column sums of {@code m}, where this is 1 x cols and m is B x cols; returns this.
     * The gradient of a bias added to every row: db += Σ_rows dy.
     */
    public Matrix addColumnSumsInPlace(Matrix m) {
        if (rows != 1 || m.cols != cols) {
            throw new IllegalArgumentException("addColumnSumsInPlace: the sums of " + m.shape() + " do not fit " + shape());
        }
        double[] out = data[0];
        for (double[] row : m.data) {
            for (int j = 0; j < cols; j++) {
                out[j] += row[j];
            }
        }
        return this;
    }

    /** Replaces every entry v by f(v); returns this. The in-place {@link #map}. */
    public Matrix mapInPlace(DoubleUnaryOperator f) {
        for (double[] row : data) {
            for (int j = 0; j < cols; j++) {
                row[j] = f.applyAsDouble(row[j]);
            }
        }
        return this;
    }

    /** this ⊙= other; returns this. */
    public Matrix timesInPlace(Matrix other) {
        requireSameShape("timesInPlace", other);
        for (int i = 0; i < rows; i++) {
            double[] row = data[i];
            double[] o = other.data[i];
            for (int j = 0; j < cols; j++) {
                row[j] *= o[j];
            }
        }
        return this;
    }

    /** this = a ⊙ b, entry-wise; returns this. */
    public Matrix setToTimesInPlace(Matrix a, Matrix b) {
        requireSameShape("setToTimesInPlace", a);
        requireSameShape("setToTimesInPlace", b);
        for (int i = 0; i < rows; i++) {
            double[] row = data[i];
            double[] ai = a.data[i];
            double[] bi = b.data[i];
            for (int j = 0; j < cols; j++) {
                row[j] = ai[j] * bi[j];
            }
        }
        return this;
    }

    /** this += a ⊙ b, entry-wise; returns this. */
    public Matrix addTimesInPlace(Matrix a, Matrix b) {
        requireSameShape("addTimesInPlace", a);
        requireSameShape("addTimesInPlace", b);
        for (int i = 0; i < rows; i++) {
            double[] row = data[i];
            double[] ai = a.data[i];
            double[] bi = b.data[i];
            for (int j = 0; j < cols; j++) {
                row[j] += ai[j] * bi[j];
            }
        }
        return this;
    }

    /** this *= factor; returns this. */
    public Matrix scaleInPlace(double factor) {
        for (double[] row : data) {
            for (int j = 0; j < cols; j++) {
                row[j] *= factor;
            }
        }
        return this;
    }

    /** Every entry set to zero; returns this. */
    public Matrix zeroInPlace() {
        for (double[] row : data) {
            Arrays.fill(row, 0.0);
        }
        return this;
    }

    /** Copies every entry of {@code source} into this matrix; returns this. */
    public Matrix copyFromInPlace(Matrix source) {
        requireSameShape("copyFromInPlace", source);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(source.data[i], 0, data[i], 0, cols);
        }
        return this;
    }

    // ---------------------------------------------------------------- reductions

    public double sum() {
        double s = 0.0;
        for (double[] row : data) {
            for (double v : row) {
                s += v;
            }
        }
        return s;
    }

    /** The Frobenius norm, the square root of the sum of squared entries. */
    public double norm() {
        double s = 0.0;
        for (double[] row : data) {
            for (double v : row) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    /** The largest absolute entry (0 for an empty matrix). */
    public double maxAbs() {
        double m = 0.0;
        for (double[] row : data) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    /** The flat position {@code k} of the row-major layout as the text {@code "(i, j)"}, for messages. */
    public String entry(int k) {
        return "(" + k / cols + ", " + k % cols + ")";
    }

    /** The flat index of the first NaN or infinite entry, or -1 if every entry is finite. */
    public int firstNonFinite() {
        boolean vector = MatMul.VECTOR && cols >= 64;   // whole vectors first where rows are long enough to pay
        for (int i = 0; i < rows; i++) {
            int j = vector ? VectorEntryWise.firstNonFinite(data[i], cols) : firstNonFinite(data[i], 0, cols);
            if (j >= 0) {
                return i * cols + j;
            }
        }
        return -1;
    }

    /** The index in [from, n) of the first NaN or infinity of row, or -1. */
    static int firstNonFinite(double[] row, int from, int n) {
        for (int j = from; j < n; j++) {
            if (!Double.isFinite(row[j])) {
                return j;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- object

    /**
     * Equal when the shapes match and every entry is the same double (bit-for-bit, so NaN equals NaN).
     * Value equality of a mutable object: see the class comment for why, and for the one caution.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && rows == m.rows && cols == m.cols && Arrays.deepEquals(data, m.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.deepHashCode(data);
    }

    /** The shape, then up to 8 rows of up to 8 entries, elided with "..." beyond that. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Matrix").append(shape());
        int shownRows = Math.min(rows, 8);
        int shownCols = Math.min(cols, 8);
        for (int i = 0; i < shownRows; i++) {
            s.append(i == 0 ? "\n[" : "\n ").append('[');
            for (int j = 0; j < shownCols; j++) {
                if (j > 0) {
                    s.append(", ");
                }
                s.append(String.format("%9.4f", data[i][j]));
            }
            s.append(cols > shownCols ? ", ...]" : "]");
        }
        if (rows > shownRows) {
            s.append("\n ...");
        }
        return rows == 0 ? s.toString() : s.append(']').toString();
    }

    // ---------------------------------------------------------------- checks

    private void checkIndex(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("entry (" + i + ", " + j + ") is outside a matrix of shape " + shape());
        }
    }

    private void checkFlat(int k) {
        if (k < 0 || k >= rows * cols) {
            throw new IndexOutOfBoundsException("flat position " + k + " is outside a matrix of shape " + shape()
                    + " (" + rows * cols + " entries)");
        }
    }

    private void requireSameShape(String op, Matrix other) {
        if (!sameShape(other)) {
            throw new IllegalArgumentException(op + ": shapes differ: " + shape() + " and " + other.shape());
        }
    }

    private static void requireSize(String name, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + n);
        }
    }
}

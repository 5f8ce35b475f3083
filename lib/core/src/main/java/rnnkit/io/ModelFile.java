package rnnkit.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.cells.RecurrentCell;
import rnnkit.data.Vocabulary;
import rnnkit.params.Parameters;
import rnnkit.nn.SequenceModel;
import rnnkit.tensor.Matrix;

/**
 * Saves a model's trained parameters (and the vocabulary of a character or word model) to a plain
 * text file, and loads them back, bit for bit.
 *
 * <p>The format, version 1, is UTF-8 text, one item a line:
 * <pre>
 *   rnnkit-model 1
 *   model ManyToManyModel                                  the model's class
 *   cell GruCell reset=BEFORE_PRODUCT update=CANDIDATE     the cell's class and the options that change its equations
 *   vocabulary 3                                           optional: the number of tokens, then one line each,
 *   token 61                                               the token's UTF-8 bytes in hex ("a")
 *   token 62
 *   token 0a                                               ("\n")
 *   tensor Wxz 3 8                                         a tensor: name, rows, cols; then one line per row,
 *   0x1.2p-3 -0x1.8p-1 ...                                 every entry as a hexadecimal double (exact)
 *   ...
 *   end
 *   sha256 9f86d0...                                       SHA-256 of every byte above this line
 * </pre>
 * Nothing in it is executed or deserialised as Java objects, so a file from anyone can be read
 * safely. Loading checks the version, the checksum, and, for {@link #loadInto}, that the model and
 * cell types, the tensor names and the shapes are those of the model, before anything is copied: a
 * file that fails any check leaves the model exactly as it was. Saving writes a temporary file
 * beside the target and renames it, so an interrupted save never destroys the previous file.
 */
public final class ModelFile {

    /** The format version this class writes and reads. */
    public static final int VERSION = 1;
    private static final String MAGIC = "rnnkit-model";

    private ModelFile() {
    }

    /** What a model file holds. {@code vocabulary} is null when none was saved. */
    public record Contents(String model, String cell, Vocabulary vocabulary, Map<String, Matrix> tensors) {
    }

    /** Saves {@code model}'s parameters to {@code path}, without a vocabulary. */
    public static void save(Path path, SequenceModel model) {
        save(path, model, null);
    }

    /** Saves {@code model}'s parameters and {@code vocabulary} (may be null) to {@code path}. */
    public static void save(Path path, SequenceModel model, Vocabulary vocabulary) {
        if (path == null || model == null) {
            throw new IllegalArgumentException("path and model must not be null");
        }
        if (vocabulary != null) {
            String problem = vocabularyMismatch(vocabulary, model);
            if (problem != null) {
                throw new IllegalArgumentException("cannot save model file " + path + ": " + problem
                        + "; save the model with the vocabulary it was trained with");
            }
        }
        checkWritable(path);
        StringBuilder text = new StringBuilder();
        text.append(MAGIC).append(' ').append(VERSION).append('\n');
        text.append("model ").append(model.getClass().getSimpleName()).append('\n');
        text.append("cell ").append(describe(model.cell())).append('\n');
        if (vocabulary != null) {
            text.append("vocabulary ").append(vocabulary.size()).append('\n');
            for (String token : vocabulary.tokens()) {
                text.append("token ").append(HexFormat.of().formatHex(token.getBytes(StandardCharsets.UTF_8))).append('\n');
            }
        }
        Parameters params = model.parameters();
        for (String name : params.names()) {
            Matrix m = params.get(name);
            text.append("tensor ").append(name).append(' ').append(m.rows()).append(' ').append(m.cols()).append('\n');
            for (int i = 0; i < m.rows(); i++) {
                for (int j = 0; j < m.cols(); j++) {
                    text.append(j == 0 ? "" : " ").append(Double.toHexString(m.get(i, j)));
                }
                text.append('\n');
            }
        }
        text.append("end\n");
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] checksum = ("sha256 " + sha256(body) + "\n").getBytes(StandardCharsets.UTF_8);
        writeAtomically(path, body, checksum);
    }

    /**
     * Reads and checks a model file (version, checksum, structure); the model is not touched. A file
     * whose line ends were changed to Windows ones (git's autocrlf), that gained blank lines at its
     * end or lost its final line end loads as the original: none of these can change a value, and
     * the checksum is of the original.
     *
     * @throws ModelFileException if there is no such file, it is a folder, or it is not a valid model file
     */
    public static Contents load(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        if (Files.isDirectory(path)) {
            throw new ModelFileException(path, "it is a folder, not a file; name the model file inside it");
        }
        if (!Files.exists(path)) {
            throw new ModelFileException(path, "no such file; check the name and the folder" + (path.isAbsolute() ? ""
                    : " (a relative path starts at the working directory, " + Path.of("").toAbsolutePath() + ")"));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + path + ": " + e, e);
        }
        return new Parser(path, bytes).parse();
    }

    /** Why {@code vocabulary} cannot belong to {@code model}, or null when its size is the model's input or output size. */
    private static String vocabularyMismatch(Vocabulary vocabulary, SequenceModel model) {
        int v = vocabulary.size();
        if (v == model.inputSize() || v == model.outputSize()) {
            return null;
        }
        return "the vocabulary has " + v + " tokens, but the model reads inputs of size " + model.inputSize()
                + " and predicts " + model.outputSize() + " outputs, so it cannot be the model's vocabulary";
    }

    /** Refuses, before anything is written, a path that is a folder or lies below a file. */
    private static void checkWritable(Path path) {
        Path target = path.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("cannot save model file " + path + ": it is a folder; name a file inside it,"
                    + " for example " + path.resolve("model.rnnkit"));
        }
        for (Path folder = target.getParent(); folder != null; folder = folder.getParent()) {
            if (Files.exists(folder)) {
                if (!Files.isDirectory(folder)) {
                    throw new IllegalArgumentException("cannot save model file " + path + ": " + folder
                            + " is a file, not a folder, so nothing can be saved inside it; choose another folder or rename that file");
                }
                return;
            }
        }
    }

    /**
     * Loads the parameters in {@code path} into {@code model}, after checking that the file was
     * written for a model of the same type, cell, tensor names and shapes. On any failure the model
     * is unchanged. Returns what the file holds (for its vocabulary).
     */
    public static Contents loadInto(Path path, SequenceModel model) {
        Contents contents = load(path);
        String model0 = model.getClass().getSimpleName();
        if (!contents.model().equals(model0)) {
            throw new ModelFileException(path, "it holds a " + contents.model() + ", not a " + model0);
        }
        if (!contents.cell().equals(describe(model.cell()))) {
            throw new ModelFileException(path, "it was saved from the cell '" + contents.cell() + "', but this model's cell is '"
                    + describe(model.cell()) + "'");
        }
        if (contents.vocabulary() != null) {
            String problem = vocabularyMismatch(contents.vocabulary(), model);
            if (problem != null) {
                throw new ModelFileException(path, problem);
            }
        }
        Parameters params = model.parameters();
        if (!params.names().equals(List.copyOf(contents.tensors().keySet()))) {
            throw new ModelFileException(path, "it holds the tensors " + contents.tensors().keySet() + ", but the model has "
                    + params.names());
        }
        for (String name : params.names()) {
            Matrix saved = contents.tensors().get(name);
            if (!saved.sameShape(params.get(name))) {
                throw new ModelFileException(path, "tensor " + name + " is " + saved.shape() + " in the file but "
                        + params.get(name).shape() + " in the model");
            }
        }
        // Every check passed: only now is anything copied.
        for (String name : params.names()) {
            params.get(name).copyFromInPlace(contents.tensors().get(name));
        }
        params.markChanged();
        return contents;
    }

    /** The cell's class and the options that change its equations (not those that only set initial values). */
    static String describe(RecurrentCell cell) {
        String name = cell.getClass().getSimpleName();
        if (cell instanceof GruCell gru) {
            return name + " reset=" + gru.options().reset() + " update=" + gru.options().update();
        }
        if (cell instanceof LstmCell lstm) {
            return name + " forgetGate=" + lstm.options().forgetGate();
        }
        return name;
    }

    private static void writeAtomically(Path path, byte[] body, byte[] checksum) {
        Path target = path.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try (var out = Files.newOutputStream(temp)) {
                out.write(body);
                out.write(checksum);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model file " + path + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the save already failed; that error is the one to report
                }
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /** A strict reader of the format: every deviation is an error naming the line. */
    private static final class Parser {

        private final Path path;
        private final byte[] bytes;
        private String[] lines;
        private int next;

        Parser(Path path, byte[] bytes) {
            this.path = path;
            this.bytes = bytes;
        }

        Contents parse() {
            String text = normalized(new String(bytes, StandardCharsets.UTF_8));
            if (!text.startsWith(MAGIC + " ")) {
                throw new ModelFileException(path, "it is not an rnnkit model file (it does not begin with '" + MAGIC + "')");
            }
            int versionEnd = text.indexOf('\n');
            String version = versionEnd < 0 ? text.substring(MAGIC.length() + 1) : text.substring(MAGIC.length() + 1, versionEnd);
            if (!version.equals(String.valueOf(VERSION))) {
                throw new ModelFileException(path, "it is format version " + version + ", but this rnnkit reads version " + VERSION);
            }
            checkChecksum(text);
            lines = text.split("\n", -1);
            next = 1;
            String model = field("model");
            String cell = field("cell");
            Vocabulary vocabulary = null;
            if (peek().startsWith("vocabulary ")) {
                int size = count(field("vocabulary"), "vocabulary size");
                int left = linesLeft();
                if (size > left) {
                    next--;   // report the vocabulary line
                    throw error("the vocabulary declares " + size + " tokens, but only " + left
                            + (left == 1 ? " line is" : " lines are") + " left"
                            + " before 'end'; the file was edited after it was saved");
                }
                List<String> tokens = new ArrayList<>(size);
                for (int k = 0; k < size; k++) {
                    tokens.add(token(field("token")));
                }
                vocabulary = Vocabulary.ofTokens(tokens);
            }
            Map<String, Matrix> tensors = new LinkedHashMap<>();
            while (!peek().equals("end")) {
                String[] head = field("tensor").split(" ");
                if (head.length != 3) {
                    throw error("a tensor line must be 'tensor NAME ROWS COLS'");
                }
                if (tensors.containsKey(head[0])) {
                    throw error("tensor " + head[0] + " appears twice");
                }
                int rows = count(head[1], "rows");
                int cols = count(head[2], "cols");
                requireRoom(head[0], rows, cols);
                tensors.put(head[0], matrix(head[0], rows, cols));
            }
            return new Contents(model, cell, vocabulary, tensors);
        }

        /**
         * The text as it was saved: Windows line ends (CR LF, as git's autocrlf writes them) back to
         * LF, blank lines after the checksum line removed, and its final line end restored if an
         * editor dropped it. A saved file has no CR of its own
         * (tokens are written in hex), so this changes nothing else.
         */
        private static String normalized(String text) {
            String t = text.replace("\r\n", "\n");
            int end = t.length();
            while (end > 0 && Character.isWhitespace(t.charAt(end - 1))) {
                end--;
            }
            return end == 0 ? t : t.substring(0, end) + "\n";
        }

        private void checkChecksum(String text) {
            int end = text.lastIndexOf("\nend\n");
            if (end < 0 || !text.endsWith("\n")) {
                throw new ModelFileException(path, "it is truncated: its 'end' and checksum lines are missing");
            }
            int bodyEnd = end + "\nend\n".length();
            String tail = text.substring(bodyEnd);
            if (!tail.startsWith("sha256 ") || tail.indexOf('\n') != tail.length() - 1) {
                throw new ModelFileException(path, "its last line must be 'sha256 <hex>', found '" + tail.strip() + "'");
            }
            String expected = tail.substring("sha256 ".length(), tail.length() - 1);
            String actual = sha256(text.substring(0, bodyEnd).getBytes(StandardCharsets.UTF_8));
            if (!actual.equals(expected)) {
                throw new ModelFileException(path, "its checksum does not match its contents (the file is corrupted or was edited):"
                        + " recorded " + expected + ", computed " + actual);
            }
        }

        private String peek() {
            if (next >= lines.length) {
                throw error("the file ends too early");
            }
            return lines[next];
        }

        private String field(String key) {
            String line = peek();
            if (!line.startsWith(key + " ")) {
                throw error("expected a '" + key + "' line, found '" + abbreviate(line) + "'");
            }
            next++;
            return line.substring(key.length() + 1);
        }

        /**
         * Refuses, from the header alone, a tensor larger than the rest of the file could hold: one
         * line per row, and at least two characters per value. A few bytes that declare billions of
         * entries must not make anything that size.
         */
        private void requireRoom(String name, int rows, int cols) {
            int left = linesLeft();
            if (rows > left) {
                next--;   // report the tensor line
                throw error("tensor " + name + " declares " + rows + " rows, but only " + left
                        + (left == 1 ? " line is" : " lines are") + " left"
                        + " before 'end'; the file was edited after it was saved");
            }
            int firstRow = rows == 0 ? 0 : lines[next].length();
            if (rows > 0 && 2L * cols - 1 > firstRow) {
                next--;
                throw error("tensor " + name + " declares " + cols + " columns, but its row 0 has only "
                        + firstRow + " characters, too few for that many numbers; the file was edited after it was saved");
            }
        }

        /** The lines between the current one and the 'end' line (the checksum check found 'end', 'sha256' and the final newline). */
        private int linesLeft() {
            return lines.length - 3 - next;
        }

        private Matrix matrix(String name, int rows, int cols) {
            Matrix m = Matrix.zeros(rows, cols);
            for (int i = 0; i < rows; i++) {
                String[] values = peek().split(" ");
                if (values.length != cols) {
                    throw error("row " + i + " of tensor " + name + " has " + values.length + " values, expected " + cols);
                }
                for (int j = 0; j < cols; j++) {
                    double v;
                    try {
                        v = Double.parseDouble(values[j]);
                    } catch (NumberFormatException e) {
                        throw error("entry (" + i + ", " + j + ") of tensor " + name + " is not a number: '" + abbreviate(values[j]) + "'");
                    }
                    if (!Double.isFinite(v)) {
                        throw error("entry (" + i + ", " + j + ") of tensor " + name + " is " + v + "; weights must be finite");
                    }
                    m.set(i, j, v);
                }
                next++;
            }
            return m;
        }

        private int count(String text, String what) {
            try {
                int n = Integer.parseInt(text);
                if (n >= 0 && n <= 100_000_000) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw error(what + " must be a count, found '" + abbreviate(text) + "'");
        }

        private String token(String hex) {
            try {
                return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw error("a token must be hexadecimal UTF-8 bytes, found '" + abbreviate(hex) + "'");
            }
        }

        private ModelFileException error(String problem) {
            return new ModelFileException(path, "line " + (next + 1) + ": " + problem);
        }

        private static String abbreviate(String s) {
            return s.length() <= 40 ? s : s.substring(0, 40) + "...";
        }
    }
}

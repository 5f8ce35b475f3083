package rnnkit.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A text corpus for a character model, and per-character signals of program text that a hidden unit
 * might follow.
 *
 * <p>{@link #load(Path)} reads a text file, or every {@code .java} file under a folder (sorted by
 * path, so the same folder always gives the same text). The kit's own Java sources make a corpus
 * that ships with it, needs no download and has real long-range structure: braces that must close,
 * comments and strings that must end.
 */
public final class SourceText {

    private SourceText() {
    }

    /**
     * The text at {@code path}: the file itself, or every {@code .java} file under the folder, each
     * followed by a blank line. Line endings are normalised to "\n".
     *
     * @throws IllegalArgumentException if nothing is there, the folder has no .java file, or the text is empty
     */
    public static String load(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        try {
            if (Files.isRegularFile(path)) {
                String text = Files.readString(path, StandardCharsets.UTF_8).replace("\r\n", "\n");
                if (text.isEmpty()) {
                    throw new IllegalArgumentException("the file " + path + " is empty");
                }
                return text;
            }
            if (!Files.isDirectory(path)) {
                throw new IllegalArgumentException("no file or folder at " + path.toAbsolutePath().normalize()
                        + "; point the corpus at a text file or at a folder of .java files");
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".java")).sorted()
                        .collect(Collectors.toList());
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("the folder " + path.toAbsolutePath().normalize() + " has no .java file");
            }
            StringBuilder sb = new StringBuilder();
            for (Path f : files) {
                sb.append(Files.readString(f, StandardCharsets.UTF_8).replace("\r\n", "\n")).append("\n\n");
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }

    /** The words of {@code text}: its maximal runs of two or more ASCII letters, in order. */
    public static java.util.List<String> words(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z]{2,}").matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /**
     * The share of the words of {@code sample} ({@link #words}) that occur as words of {@code text}: how
     * much of a generated sample is made of real identifiers and keywords rather than made-up ones. NaN
     * for a sample with no word.
     */
    public static double knownWordShare(String sample, java.util.Set<String> vocabulary) {
        java.util.List<String> w = words(sample);
        if (w.isEmpty()) {
            return Double.NaN;
        }
        return w.stream().filter(vocabulary::contains).count() / (double) w.size();
    }

    /**
     * The brace depth of Java-like text after each character: +1 after an opening brace, -1 at a
     * closing one (so a closing brace already has the outer depth), braces inside comments, strings
     * and character literals not counted.
     */
    public static double[] braceDepth(String text) {
        int[] where = classify(text);
        double[] out = new double[text.length()];
        int depth = 0;
        for (int k = 0; k < text.length(); k++) {
            char ch = text.charAt(k);
            if (where[k] == CODE && ch == '{') {
                depth++;
            } else if (where[k] == CODE && ch == '}') {
                depth = Math.max(0, depth - 1);
            }
            out[k] = depth;
        }
        return out;
    }

    /**
     * The column of each character: how many characters precede it on its line (0 for the first
     * character of a line and for a newline right after another). To know it inside a word, a model
     * must count back to the last newline, often dozens of characters.
     */
    public static double[] column(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        double[] out = new double[text.length()];
        int c = 0;
        for (int k = 0; k < text.length(); k++) {
            out[k] = c;
            c = text.charAt(k) == '\n' ? 0 : c + 1;
        }
        return out;
    }

    /** 1 for each character that belongs to a comment (its delimiters included), else 0. */
    public static double[] insideComment(String text) {
        return indicator(text, COMMENT);
    }

    /** 1 for each character that belongs to a string or character literal (its quotes included), else 0. */
    public static double[] insideString(String text) {
        return indicator(text, STRING);
    }

    static final int CODE = 0;
    static final int COMMENT = 1;
    static final int STRING = 2;

    private static double[] indicator(String text, int kind) {
        int[] where = classify(text);
        double[] out = new double[where.length];
        for (int k = 0; k < where.length; k++) {
            out[k] = where[k] == kind ? 1.0 : 0.0;
        }
        return out;
    }

    /** For each character: CODE, COMMENT (// to the end of the line, or /* to *&#47;) or STRING ("..." or '...'). */
    static int[] classify(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        int n = text.length();
        int[] out = new int[n];
        int k = 0;
        while (k < n) {
            char ch = text.charAt(k);
            char next = k + 1 < n ? text.charAt(k + 1) : 0;
            if (ch == '/' && next == '/') {
                int end = text.indexOf('\n', k);
                end = end < 0 ? n : end;
                mark(out, k, end, COMMENT);
                k = end;
            } else if (ch == '/' && next == '*') {
                int end = text.indexOf("*/", k + 2);
                end = end < 0 ? n : end + 2;
                mark(out, k, end, COMMENT);
                k = end;
            } else if (ch == '"' || ch == '\'') {
                int end = k + 1;
                while (end < n && text.charAt(end) != ch && text.charAt(end) != '\n') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                mark(out, k, end, STRING);
                k = end;
            } else {
                out[k] = CODE;
                k++;
            }
        }
        return out;
    }

    private static void mark(int[] out, int from, int to, int kind) {
        for (int k = from; k < to; k++) {
            out[k] = kind;
        }
    }
}

package rnnkit.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Tokens and their ids 0..V-1. {@link #ofChars} sorts the distinct characters of a text, so the
 * same text always gives the same ids; {@link #ofTokens} keeps the order it is given.
 */
public final class Vocabulary {

    private final List<String> tokens;
    private final Map<String, Integer> ids = new HashMap<>();

    private Vocabulary(List<String> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token == null) {
                throw new IllegalArgumentException("tokens[" + i + "] is null; every token must be a string");
            }
            if (token.isEmpty()) {
                throw new IllegalArgumentException("tokens[" + i + "] is the empty string; a token needs at least one character."
                        + " Splitting text on single spaces gives one wherever two spaces meet or the text starts with a space:"
                        + " split on runs of spaces instead, text.strip().split(\"\\\\s+\")");
            }
            Integer previous = ids.put(token, i);
            if (previous != null) {
                throw new IllegalArgumentException("tokens must be distinct; '" + token + "' appears at positions " + previous
                        + " and " + i);
            }
        }
        this.tokens = List.copyOf(tokens);
    }

    /** The distinct characters (code points) of {@code text}, sorted. */
    public static Vocabulary ofChars(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("text must be non-empty, got " + (text == null ? "null" : "\"\""));
        }
        TreeSet<Integer> set = new TreeSet<>();
        text.codePoints().forEach(set::add);
        List<String> tokens = new ArrayList<>();
        for (int cp : set) {
            tokens.add(new String(Character.toChars(cp)));
        }
        return new Vocabulary(tokens);
    }

    /** The given tokens in the given order (ids 0, 1, ...). */
    public static Vocabulary ofTokens(List<String> tokens) {
        if (tokens == null || tokens.isEmpty()) {
            throw new IllegalArgumentException("tokens must be non-empty");
        }
        return new Vocabulary(tokens);
    }

    /** V, the number of tokens. */
    public int size() {
        return tokens.size();
    }

    public int id(String token) {
        Integer id = ids.get(token);
        if (id == null) {
            throw new IllegalArgumentException("token '" + token + "' is not in the vocabulary of " + size() + " tokens");
        }
        return id;
    }

    public String token(int id) {
        if (id < 0 || id >= size()) {
            throw new IllegalArgumentException("id must be in [0, " + size() + "), got " + id);
        }
        return tokens.get(id);
    }

    public List<String> tokens() {
        return Collections.unmodifiableList(tokens);
    }

    /** The ids of the characters of {@code text}. */
    public int[] encodeChars(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        return text.codePoints().map(cp -> id(new String(Character.toChars(cp)))).toArray();
    }

    /** The ids of {@code words}. */
    public int[] encode(List<String> words) {
        if (words == null) {
            throw new IllegalArgumentException("words must not be null");
        }
        return words.stream().mapToInt(this::id).toArray();
    }

    /** The tokens of {@code ids}, concatenated. */
    public String decode(int[] ids) {
        StringBuilder s = new StringBuilder();
        for (int id : ids) {
            s.append(token(id));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "Vocabulary(" + size() + " tokens)";
    }
}

package rnnkit.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * A drawing from a file, shown as a cell's output: {@code Figure.svg("figures/lstm_cell.svg")} as the
 * last expression of a cell puts the SVG inline (and its title as plain text for other front ends).
 * An output, unlike an image in a markdown cell, also appears in the executed copies a headless run
 * keeps.
 */
public final class Figure {

    private Figure() {
    }

    /**
     * The SVG file at {@code path}, relative to the notebook's folder, ready to display.
     *
     * @throws IllegalArgumentException if the file is missing or is not an SVG drawing, naming the path
     */
    public static DisplayData svg(String path) {
        Path file = Path.of(path);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("no SVG file at " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        int start = text.indexOf("<svg");
        if (start < 0) {
            throw new IllegalArgumentException(file + " is not an SVG drawing (no <svg> element)");
        }
        DisplayData data = new DisplayData(title(text, file));
        data.putSVG(text.substring(start));
        return data;
    }

    private static String title(String svg, Path file) {
        int open = svg.indexOf("<title>");
        int close = svg.indexOf("</title>");
        return open >= 0 && close > open ? svg.substring(open + "<title>".length(), close) : file.getFileName().toString();
    }
}

package rnnkit.io;

import java.nio.file.Path;

/** A model file that cannot be loaded: the message names the file and what is wrong with it. */
public final class ModelFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    ModelFileException(Path path, String problem) {
        super("cannot load model file " + path + ": " + problem);
    }
}

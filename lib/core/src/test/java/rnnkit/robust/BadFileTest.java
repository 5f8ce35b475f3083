package rnnkit.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rnnkit.data.CharCorpus;
import rnnkit.data.Vocabulary;
import rnnkit.io.ModelFile;

/**
 * Model files that cannot be saved or loaded: each row is what the student did (in a fresh folder),
 * and the exact message. Nothing is written by a refused save, and nothing allocated from a header
 * that declares more than the file holds.
 */
@DisplayName("A model file that cannot be saved or loaded is refused with a message that says why")
class BadFileTest {

    @TempDir
    Path dir;

    interface Attempt {
        void run(Path dir) throws IOException;
    }

    /** A body sealed with its checksum line, as a save writes it. */
    static String sealed(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return body + "sha256 " + HexFormat.of().formatHex(hash) + "\n";
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    static final String HEAD = "rnnkit-model 1\nmodel ManyToManyModel\ncell RnnCell\n";
    static final String EDITED = "; the file was edited after it was saved";

    static Stream<Arguments> cases() {
        return Stream.of(
                row("saving with the vocabulary of another text", d -> ModelFile.save(d.resolve("m.rnnkit"), BadInputTest.charModel(),
                        Vocabulary.ofChars("abc")),
                        d -> "cannot save model file " + d.resolve("m.rnnkit") + ": the vocabulary has 3 tokens, but the model reads"
                                + " inputs of size 11 and predicts 11 outputs, so it cannot be the model's vocabulary; save the model"
                                + " with the vocabulary it was trained with"),
                row("loading a file that is not there", d -> ModelFile.load(d.resolve("modle.rnnkit")),
                        d -> "cannot load model file " + d.resolve("modle.rnnkit") + ": no such file; check the name and the folder"),
                row("loading a relative path that is not there", d -> ModelFile.load(Path.of("models", "modle.rnnkit")),
                        d -> "cannot load model file " + Path.of("models", "modle.rnnkit") + ": no such file; check the name and the"
                                + " folder (a relative path starts at the working directory, " + Path.of("").toAbsolutePath() + ")"),
                row("loading a folder", d -> ModelFile.load(Files.createDirectory(d.resolve("models"))),
                        d -> "cannot load model file " + d.resolve("models") + ": it is a folder, not a file; name the model file inside it"),
                row("saving inside a file, as if it were a folder", d -> {
                    write(d, "notes.txt", "my notes\n");
                    ModelFile.save(d.resolve("notes.txt").resolve("m.rnnkit"), BadInputTest.charModel());
                }, d -> "cannot save model file " + d.resolve("notes.txt").resolve("m.rnnkit") + ": " + d.resolve("notes.txt").toAbsolutePath()
                        + " is a file, not a folder, so nothing can be saved inside it; choose another folder or rename that file"),
                row("saving to the name of a folder", d -> ModelFile.save(Files.createDirectory(d.resolve("models")), BadInputTest.charModel()),
                        d -> "cannot save model file " + d.resolve("models") + ": it is a folder; name a file inside it, for example "
                                + d.resolve("models").resolve("model.rnnkit")),
                row("a 150-byte file whose header declares 10^16 entries",
                        d -> ModelFile.load(write(d, "huge.rnnkit", sealed(HEAD + "tensor Wxh 100000000 100000000\n0x0.0p0\nend\n"))),
                        d -> "cannot load model file " + d.resolve("huge.rnnkit") + ": line 4: tensor Wxh declares 100000000 rows,"
                                + " but only 1 line is left before 'end'" + EDITED),
                row("a header that declares 10^8 columns",
                        d -> ModelFile.load(write(d, "wide.rnnkit", sealed(HEAD + "tensor Wxh 1 100000000\n0x0.0p0\nend\n"))),
                        d -> "cannot load model file " + d.resolve("wide.rnnkit") + ": line 4: tensor Wxh declares 100000000 columns,"
                                + " but its row 0 has only 7 characters, too few for that many numbers" + EDITED),
                row("a header that declares 10^8 tokens",
                        d -> ModelFile.load(write(d, "vocab.rnnkit", sealed(HEAD + "vocabulary 100000000\ntoken 61\ntoken 62\nend\n"))),
                        d -> "cannot load model file " + d.resolve("vocab.rnnkit") + ": line 4: the vocabulary declares 100000000 tokens,"
                                + " but only 2 lines are left before 'end'" + EDITED),
                row("loading a file whose vocabulary is not the model's", d -> {
                    Path good = d.resolve("good.rnnkit");
                    ModelFile.save(good, BadInputTest.charModel(), new CharCorpus(BadInputTest.TEXT).vocabulary());
                    String text = Files.readString(good, StandardCharsets.UTF_8);
                    String body = text.substring(0, text.lastIndexOf("sha256 "))
                            .replaceFirst("vocabulary 11\n(token \\w+\n)+", "vocabulary 3\ntoken 61\ntoken 62\ntoken 63\n");
                    ModelFile.loadInto(write(d, "other.rnnkit", sealed(body)), BadInputTest.charModel());
                }, d -> "cannot load model file " + d.resolve("other.rnnkit") + ": the vocabulary has 3 tokens, but the model reads"
                        + " inputs of size 11 and predicts 11 outputs, so it cannot be the model's vocabulary"));
    }

    static Arguments row(String mistake, Attempt attempt, Function<Path, String> message) {
        return Arguments.of(mistake, attempt, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refused(String mistake, Attempt attempt, Function<Path, String> message) throws IOException {
        List<Path> before;
        try (Stream<Path> files = Files.walk(dir)) {
            before = files.toList();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> attempt.run(dir), mistake);
        assertEquals(message.apply(dir), e.getMessage(), mistake);
        try (Stream<Path> files = Files.walk(dir)) {
            // only what the attempt made on purpose (the folder, the notes, the hand-made file) may be there, no model
            assertEquals(0, files.filter(p -> !before.contains(p) && p.getFileName().toString().equals("m.rnnkit")).count(),
                    mistake + ": a refused save must write nothing");
        }
    }
}

package rnnkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.data.CharCorpus;
import rnnkit.params.Parameters;
import rnnkit.nn.Loss;
import rnnkit.nn.ManyToManyModel;
import rnnkit.nn.ManyToOneModel;
import rnnkit.train.Optimizer;
import rnnkit.train.ProgressListener;
import rnnkit.train.Trainer;

@DisplayName("A model file")
class ModelFileTest {

    static final CharCorpus CORPUS = new CharCorpus("héllo, wörld!\nhello again.\t".repeat(3));

    @TempDir
    Path dir;

    static ManyToManyModel gru(int hidden, long seed) {
        int v = CORPUS.vocabulary().size();
        return new ManyToManyModel(new GruCell(v, hidden, seed), v, Loss.softmaxCrossEntropy(), seed + 1);
    }

    static ManyToManyModel trained() {
        ManyToManyModel model = gru(6, 3);
        new Trainer(model, Optimizer.adam(0.02)).progress(ProgressListener.NONE).train(15, step -> CORPUS.chunk(step, 8, 2));
        return model;
    }

    static void assertSameParameters(Parameters expected, Parameters actual) {
        assertEquals(expected.names(), actual.names());
        for (String name : expected.names()) {
            assertEquals(expected.get(name), actual.get(name), name);   // Matrix.equals is bit for bit
        }
    }

    @Test
    @DisplayName("loads back bit for bit, with its vocabulary, and the model computes the same loss")
    void roundTrip() {
        ManyToManyModel model = trained();
        Path file = dir.resolve("gru.rnnkit");
        ModelFile.save(file, model, CORPUS.vocabulary());

        ManyToManyModel fresh = gru(6, 99);
        ModelFile.Contents contents = ModelFile.loadInto(file, fresh);
        assertSameParameters(model.parameters(), fresh.parameters());
        assertEquals(CORPUS.vocabulary().tokens(), contents.vocabulary().tokens());
        assertEquals(model.loss(CORPUS.chunk(0, 8, 2), null), fresh.loss(CORPUS.chunk(0, 8, 2), null));
        assertEquals("GruCell reset=BEFORE_PRODUCT update=CANDIDATE", contents.cell());
    }

    @Test
    @DisplayName("loads with Windows line ends (git's autocrlf) and with blank lines added at its end")
    void lineEnds() throws IOException {
        ManyToManyModel model = trained();
        Path file = dir.resolve("gru.rnnkit");
        ModelFile.save(file, model, CORPUS.vocabulary());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (String changed : List.of(text.replace("\n", "\r\n"), text + "\n\n", text.replace("\n", "\r\n") + "\r\n",
                text.substring(0, text.length() - 1))) {
            Path copy = Files.writeString(dir.resolve("copy.rnnkit"), changed, StandardCharsets.UTF_8);
            ManyToManyModel fresh = gru(6, 99);
            ModelFile.Contents contents = ModelFile.loadInto(copy, fresh);
            assertSameParameters(model.parameters(), fresh.parameters());
            assertEquals(CORPUS.vocabulary().tokens(), contents.vocabulary().tokens());   // the "\n" and "\t" tokens intact
        }
    }

    @Test
    @DisplayName("is replaced whole by a second save, leaving no temporary file behind")
    void atomicSave() throws IOException {
        Path file = dir.resolve("m.rnnkit");
        ModelFile.save(file, gru(6, 1));
        ModelFile.save(file, gru(6, 2));
        ManyToManyModel loaded = gru(6, 7);
        ModelFile.loadInto(file, loaded);
        assertSameParameters(gru(6, 2).parameters(), loaded.parameters());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    @DisplayName("that cannot be written leaves the previous file as it was")
    void failedSaveKeepsPrevious() throws IOException {
        Path file = dir.resolve("m.rnnkit");
        ModelFile.save(file, gru(6, 1));
        byte[] before = Files.readAllBytes(file);
        Path blocked = dir.resolve("blocked");
        Files.createDirectories(blocked.resolve("not-empty"));
        assertThrows(IllegalArgumentException.class, () -> ModelFile.save(blocked, gru(6, 2)));   // refused before writing
        // A name the file system refuses (longer than 255 bytes) fails while writing, after every check passed.
        Path tooLong = dir.resolve("m".repeat(250) + ".rnnkit");
        assertThrows(UncheckedIOException.class, () -> ModelFile.save(tooLong, gru(6, 2)));
        assertTrue(Arrays.equals(before, Files.readAllBytes(file)));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "only m.rnnkit and the blocking folder remain");
        }
    }

    @Nested
    @DisplayName("is rejected, leaving the model untouched, when")
    class Rejected {

        Path good;
        ManyToManyModel target = gru(6, 42);
        Parameters targetBefore = target.parameters().copy();

        Rejected() {
        }

        Path saved() {
            good = dir.resolve("good.rnnkit");
            ModelFile.save(good, trained(), CORPUS.vocabulary());
            return good;
        }

        /** A copy of the saved file with its text changed; resealed recomputes the checksum, so only the change is wrong. */
        Path edited(UnaryOperator<String> change, boolean resealed) throws IOException {
            String text = Files.readString(saved(), StandardCharsets.UTF_8);
            String body = text.substring(0, text.lastIndexOf("sha256 "));
            String changed = change.apply(body);
            String out = resealed ? changed + "sha256 " + ModelFile.sha256(changed.getBytes(StandardCharsets.UTF_8)) + "\n"
                    : change.apply(text);
            Path file = dir.resolve("edited.rnnkit");
            Files.writeString(file, out, StandardCharsets.UTF_8);
            return file;
        }

        void assertRejected(Path file, String... mustMention) {
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.loadInto(file, target));
            for (String words : mustMention) {
                assertTrue(e.getMessage().contains(words), "message should mention '" + words + "': " + e.getMessage());
            }
            assertSameParameters(targetBefore, target.parameters());
        }

        @Test
        @DisplayName("it is truncated")
        void truncated() throws IOException {
            byte[] bytes = Files.readAllBytes(saved());
            Path file = dir.resolve("half.rnnkit");
            Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
            assertRejected(file, "truncated");
        }

        @Test
        @DisplayName("a byte was changed")
        void corrupted() throws IOException {
            assertRejected(edited(t -> t.replaceFirst("tensor Whz", "tensor Whx"), false), "checksum does not match");
        }

        @Test
        @DisplayName("it is another format version")
        void wrongVersion() throws IOException {
            assertRejected(edited(t -> t.replaceFirst("rnnkit-model 1", "rnnkit-model 2"), true), "version 2", "version 1");
        }

        @Test
        @DisplayName("it is not a model file at all")
        void notAModel() throws IOException {
            Path file = dir.resolve("notes.txt");
            Files.writeString(file, "{\"weights\": []}");
            assertRejected(file, "not an rnnkit model file");
        }

        @Test
        @DisplayName("its shapes are not the model's")
        void wrongShape() {
            Path file = dir.resolve("h8.rnnkit");
            ModelFile.save(file, gru(8, 1));
            assertRejected(file, "Wxz", "(", "8)", "6)");
        }

        @Test
        @DisplayName("it was saved from another cell or another GRU convention")
        void wrongCell() {
            int v = CORPUS.vocabulary().size();
            Path lstm = dir.resolve("lstm.rnnkit");
            ModelFile.save(lstm, new ManyToManyModel(new LstmCell(v, 6, 1), v, Loss.softmaxCrossEntropy(), 2));
            assertRejected(lstm, "LstmCell", "GruCell");
            Path cho = dir.resolve("cho.rnnkit");
            ModelFile.save(cho, new ManyToManyModel(new GruCell(v, 6, 1, GruCell.Options.CHO_2014), v, Loss.softmaxCrossEntropy(), 2));
            assertRejected(cho, "update=PREVIOUS_STATE", "update=CANDIDATE");
        }

        @Test
        @DisplayName("it holds another kind of model")
        void wrongModel() {
            int v = CORPUS.vocabulary().size();
            Path file = dir.resolve("m2o.rnnkit");
            ModelFile.save(file, new ManyToOneModel(new GruCell(v, 6, 1), v, Loss.softmaxCrossEntropy(), 2));
            assertRejected(file, "ManyToOneModel");
        }

        @Test
        @DisplayName("a weight is NaN, even under a valid checksum")
        void nonFinite() throws IOException {
            assertRejected(edited(t -> t.replaceFirst("(tensor bz 1 6\n)\\S+", "$1NaN"), true), "bz", "NaN", "finite");
        }

        @Test
        @DisplayName("a row is short or a value is not a number")
        void malformed() throws IOException {
            assertRejected(edited(t -> t.replaceFirst("(tensor bz 1 6\n)\\S+ ", "$1"), true), "row 0 of tensor bz", "5 values");
            assertRejected(edited(t -> t.replaceFirst("(tensor bz 1 6\n)\\S+", "$1zero"), true), "not a number", "'zero'");
        }

        @Test
        @DisplayName("a tensor is missing or doubled")
        void tensorSet() throws IOException {
            assertRejected(edited(t -> t.replaceFirst("tensor by 1 \\d+\n[^\n]*\n", ""), true), "holds the tensors", "by");
            assertRejected(edited(t -> t.replaceFirst("(tensor bz 1 6\n[^\n]*\n)", "$1$1"), true), "bz appears twice");
        }
    }

    @Test
    @DisplayName("that does not exist is named in the error")
    void missing() {
        Path nope = dir.resolve("nope.rnnkit");
        var e = assertThrows(ModelFileException.class, () -> ModelFile.load(nope));
        assertEquals("cannot load model file " + nope + ": no such file; check the name and the folder", e.getMessage());
    }
}

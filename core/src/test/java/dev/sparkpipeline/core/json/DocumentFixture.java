package dev.sparkpipeline.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One document inside a fixture of {@code events/}: the fixture's file, where the document sits in
 * it ({@code "state.run"}, or {@code ""} for the whole file) and the fields there that belong to
 * later states rather than to the document (the execution state carries the input and the run).
 *
 * @param file        the fixture, relative to {@code events/}
 * @param at          the document's path in the fixture, dot-separated
 * @param laterFields fields at that path that are not the document's
 */
record DocumentFixture(String file, String at, Set<String> laterFields) {

    /**
     * The document at {@code at} in every fixture matching {@code glob} ({@code "documents/manifest-*.json"}),
     * so a fixture added to {@code events/} is tested without a change here.
     */
    static Stream<DocumentFixture> matching(String glob, String at, String... laterFields) {
        int slash = glob.lastIndexOf('/');
        Path folder = Fixtures.events(slash < 0 ? "" : glob.substring(0, slash));
        List<DocumentFixture> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob.substring(slash + 1))) {
            for (Path file : files) {
                String relative = Fixtures.events("").relativize(file).toString();
                found.add(new DocumentFixture(relative, at, Set.of(laterFields)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no fixture in events/ matches " + glob);
        }
        return found.stream().sorted((a, b) -> a.file().compareTo(b.file()));
    }

    /** The document, as its readers are given it. */
    JsonObject document() {
        JsonObject document = JsonObject.parse(Fixtures.bytes(file));
        for (String field : at.isEmpty() ? new String[0] : at.split("\\.")) {
            document = document.object(field);
        }
        return document;
    }

    /**
     * Reads the document, writes what was read and reads that back, which must be what was read;
     * returns the written document's fields by path, for the caller to hold to {@link #fields()}.
     */
    <T> Map<String, Object> roundTrip(Function<byte[], T> read, Function<T, byte[]> write) {
        T first = read.apply(json());
        byte[] written = write.apply(first);
        assertThat(read.apply(written)).as("%s read back after writing", this).isEqualTo(first);
        return FieldPaths.of(written);
    }

    /** The document as JSON text: the fixture's own bytes when it is the whole file. */
    private byte[] json() {
        return at.isEmpty() ? Fixtures.bytes(file) : JsonObject.write(document().fields());
    }

    /** The document's own fields by path, with the fixture's values. */
    Map<String, Object> fields() {
        Map<String, Object> own = new LinkedHashMap<>(document().fields());
        own.keySet().removeAll(laterFields);
        return FieldPaths.of(own);
    }

    @Override
    public String toString() {
        return at.isEmpty() ? file : file + " at " + at;
    }
}

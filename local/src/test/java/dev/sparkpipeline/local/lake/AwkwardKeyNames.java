package dev.sparkpipeline.local.lake;

import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Names in S3 keys that are awkward as file names: glob characters, spaces, Unicode (one to four
 * bytes a character), {@code %} and what looks percent-encoded, {@code +}, colons, quotes. The lake's
 * own properties and the pipeline's share them, so both meet the same awkward keys.
 */
public final class AwkwardKeyNames {

    private static final String[] PIECES = {
        "orders",
        "a",
        "*",
        "?",
        "[x]",
        "{a,b}",
        " ",
        "é",
        "日本",
        "😀",
        "%",
        "%25",
        "+",
        ":",
        "2026-11-22T08:00:00",
        "#",
        "~",
        "'"
    };

    private AwkwardKeyNames() {}

    /** One to six of the pieces, and of {@code more}, end to end: one part of a key, between slashes. */
    public static Arbitrary<String> names(String... more) {
        return Arbitraries.of(Stream.concat(Stream.of(PIECES), Stream.of(more)).toArray(String[]::new))
                .list()
                .ofMinSize(1)
                .ofMaxSize(6)
                .map(pieces -> String.join("", pieces));
    }
}

package dev.sparkpipeline.local.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The lake's key encoding is a bijection with bounded file names: any S3 key (globs, spaces,
 * Unicode, %, +, colons, 1,024-byte names) has a file of its own inside its bucket, every file
 * name fits a file system, and the key reads back from the file.
 */
class LocalLakeProperties {

    private final LocalLake lake = new LocalLake(Path.of("/tmp/lake"));

    @Property(tries = 500)
    void everyKeyMapsToItsOwnFileAndBack(@ForAll("keys") String key) {
        Path file = lake.file("landing-bucket", key);

        assertThat(file.normalize()).isEqualTo(file);
        assertThat(file.startsWith(Path.of("/tmp/lake/landing-bucket"))).isTrue();
        for (Path name : Path.of("/tmp/lake/landing-bucket").relativize(file)) {
            assertThat(name.toString().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
            assertThat(name.toString()).isNotIn(".", "..", "");
        }
        assertThat(lake.key("landing-bucket", file)).isEqualTo(key);
    }

    @Property(tries = 300)
    void differentKeysHaveDifferentFiles(@ForAll("keys") String a, @ForAll("keys") String b) {
        if (!a.equals(b)) {
            assertThat(lake.file("bucket", a)).isNotEqualTo(lake.file("bucket", b));
        }
    }

    @Provide
    Arbitrary<String> keys() {
        // With the names a file system treats specially (".", "..", empty) and what an encoding could mistake for them.
        Arbitrary<String> part = AwkwardKeyNames.names(".", "..", "", "%+", "%2E", "\\", "\"");
        // Up to 1,024 bytes in one part: longer than any file name may be.
        Arbitrary<String> longPart = Arbitraries.of("a", "é", "%", "+", ".", "😀", "%+", "日")
                .list()
                .ofMinSize(60)
                .ofMaxSize(400)
                .map(pieces -> String.join("", pieces))
                .filter(text -> text.getBytes(StandardCharsets.UTF_8).length <= 1024);
        return Arbitraries.oneOf(part, part, longPart)
                .list()
                .ofMinSize(1)
                .ofMaxSize(5)
                .map(parts -> String.join("/", parts));
    }
}

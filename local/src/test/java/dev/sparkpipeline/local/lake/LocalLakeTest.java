package dev.sparkpipeline.local.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys are flat S3 strings: each has its own file in its bucket's folder, and none escapes it. */
class LocalLakeTest {

    private final LocalLake lake = new LocalLake(Path.of("/tmp/lake"));

    @Test
    void anOrdinaryKeyIsAPathUnderItsBucket() {
        assertThat(lake.file("landing-bucket", "orders/2026/11/22/a b.csv"))
                .isEqualTo(Path.of("/tmp/lake/landing-bucket/orders/2026/11/22/a b.csv"));
    }

    @Test
    void keysThatWouldClimbOutOfTheBucketStayInsideIt() {
        for (String key :
                List.of("orders/../../etc/passwd", "../../../../etc/passwd", "/etc/passwd", "./a", "a//b", "..")) {
            assertThat(lake.file("landing-bucket", key).normalize().startsWith(Path.of("/tmp/lake/landing-bucket")))
                    .as(key)
                    .isTrue();
        }
        assertThat(lake.file("../outside", "a").normalize().startsWith(Path.of("/tmp/lake")))
                .isTrue();
    }

    @Test
    void distinctKeysHaveDistinctFiles() {
        List<String> keys = List.of(
                "a/../b",
                "a/%2E%2E/b",
                "a/%2E%2E%2Fb",
                "a//b",
                "a/%/b",
                "a/b",
                "a/./b",
                "a/%2E/b",
                "a\u0000b",
                "a%00b");
        assertThat(keys.stream().map(key -> lake.file("bucket", key).normalize()))
                .doesNotHaveDuplicates();
    }
}

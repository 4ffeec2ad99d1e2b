package dev.sparkpipeline.local.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The child JVM's --add-opens come from the root pom's one list, which the build wrote into the jar. */
class SparkJvmFlagsTest {

    @Test
    void theBuildWroteTheRootPomsListOfOpens() {
        assertThat(SparkJvmFlags.java17Opens())
                .allMatch(flag -> flag.matches("--add-opens=java\\.base/[a-z.]+=ALL-UNNAMED"))
                .contains("--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")
                .doesNotHaveDuplicates();
    }
}

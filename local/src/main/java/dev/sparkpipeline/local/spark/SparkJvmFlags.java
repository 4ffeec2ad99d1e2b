package dev.sparkpipeline.local.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code --add-opens} flags Spark 3.5 needs on Java 17, as the build wrote them from the root
 * pom's {@code spark.java17.opens} into {@value #RESOURCE}: one list for the curate job's tests,
 * the local runner's child JVM and the benchmarks, so none of them can drift from the others.
 */
final class SparkJvmFlags {

    /** A java @argfile next to this class: the benchmarks pass it to {@code java} as is. */
    static final String RESOURCE = "spark-java17.args";

    private SparkJvmFlags() {}

    /** The flags, one per element; fails when the build did not write them (an unfiltered resource). */
    static List<String> java17Opens() {
        try (InputStream in = SparkJvmFlags.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path: build the local module");
            }
            List<String> flags = Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\s+"))
                    .filter(flag -> !flag.isEmpty())
                    .toList();
            if (flags.isEmpty() || !flags.stream().allMatch(flag -> flag.startsWith("--add-opens="))) {
                throw new IllegalStateException(RESOURCE + " holds no --add-opens flags (was it filtered?): " + flags);
            }
            return flags;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}

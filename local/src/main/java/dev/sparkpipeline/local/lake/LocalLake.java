package dev.sparkpipeline.local.lake;

import java.nio.file.Path;

/**
 * The offline stand-in for S3: a folder per bucket, {@code <lake>/<bucket>/<key>}
 * (default {@code .local-lake/}, git-ignored).
 *
 * @param root the lake folder
 */
public record LocalLake(Path root) {

    /** Local names of the template's buckets. */
    public static final String LANDING = "landing-bucket";
    public static final String CURATED = "curated-bucket";
    public static final String QUARANTINE = "quarantine-bucket";

    public LocalLake {
        root = root.toAbsolutePath().normalize();
    }

    /** Where an object lives. */
    public Path file(String bucket, String key) {
        return root.resolve(bucket).resolve(key);
    }

    /** A {@code file://} URI for Spark, in place of {@code s3://bucket/key}. */
    public String uri(String bucket, String key) {
        return file(bucket, key).toUri().toString();
    }
}

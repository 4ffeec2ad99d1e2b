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

    /**
     * Where an object lives: {@code <lake>/<bucket>/<key>}, one folder per {@code /}-separated part
     * of the key. S3 keys are flat strings, so parts a file system would read as a way out of the
     * bucket ({@code ..}, {@code .}, an empty part) are escaped, as are {@code %} and NUL: every key
     * has its own file, and none lies outside its bucket's folder.
     */
    public Path file(String bucket, String key) {
        Path file = root.resolve(part(bucket).replace("/", "%2F"));
        for (String part : key.split("/", -1)) {
            file = file.resolve(part(part));
        }
        return file;
    }

    private static String part(String text) {
        String escaped = text.replace("%", "%25").replace("\0", "%00");
        return switch (escaped) {
            case "" -> "%";
            case "." -> "%2E";
            case ".." -> "%2E%2E";
            default -> escaped;
        };
    }

    /** A {@code file://} URI for Spark, in place of {@code s3://bucket/key}. */
    public String uri(String bucket, String key) {
        return file(bucket, key).toUri().toString();
    }
}

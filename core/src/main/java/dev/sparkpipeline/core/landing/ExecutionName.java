package dev.sparkpipeline.core.landing;

import dev.sparkpipeline.core.storage.ObjectIdentity;

/**
 * The Step Functions execution name of a landed object version: the same object version always
 * gets the same name, so a repeated event cannot start a second execution. Names are at most
 * 80 characters of {@code [A-Za-z0-9_-]} (the StartExecution limit): a readable dataset prefix
 * and the SHA-256 of bucket, key and version (or ETag when the bucket is unversioned).
 */
public final class ExecutionName {

    /** StartExecution's limit on {@code name}. */
    public static final int MAX_LENGTH = 80;

    private static final int DIGEST_HEX = 64;
    private static final int PREFIX_MAX = MAX_LENGTH - DIGEST_HEX - 1;

    private ExecutionName() {}

    /** The name for this object version. */
    public static String of(String dataset, String bucket, String key, String versionId, String etag) {
        String prefix = dataset.replaceAll("[^A-Za-z0-9_-]", "_");
        if (prefix.length() > PREFIX_MAX) {
            prefix = prefix.substring(0, PREFIX_MAX);
        }
        return prefix + "-" + new ObjectIdentity(bucket, key, versionId, etag).digest();
    }
}

package dev.sparkpipeline.core.storage;

import java.util.List;
import java.util.Optional;

/**
 * Object storage as the pipeline uses it: S3 in the cloud, a folder per bucket offline.
 * Implementations translate their own "not found" into {@link Optional#empty()} and every other
 * failure into an exception, so callers never confuse a missing object with an outage.
 */
public interface ObjectStore {

    /** Metadata of an object version (the latest when {@code versionId} is null), if it exists. */
    Optional<StoredObject> head(String bucket, String key, String versionId);

    /** Up to {@code length} bytes from {@code offset} of an object version; empty if it is gone. */
    Optional<byte[]> readRange(String bucket, String key, String versionId, long offset, int length);

    /** Copies an object version; returns the copy's metadata so the caller can verify it. */
    StoredObject copy(
            String sourceBucket, String sourceKey, String sourceVersionId, String targetBucket, String targetKey);

    /** Writes a small UTF-8 document (reason documents, manifests). */
    StoredObject put(String bucket, String key, String contentType, byte[] content);

    /**
     * Writes a small document only if no object has the key: the one writer of a claim wins, and a
     * second writer learns it lost.
     *
     * @return the written object, or empty when the key was taken already
     */
    Optional<StoredObject> create(String bucket, String key, String contentType, byte[] content);

    /**
     * The keys of the latest versions under {@code prefix}, in key order (every page: the caller
     * lists a prefix it knows to be bounded, such as {@code failed/}).
     */
    List<String> list(String bucket, String prefix);

    /** Deletes an object version. */
    void delete(String bucket, String key, String versionId);
}

package dev.sparkpipeline.core.storage;

import java.time.Instant;

/**
 * What the pipeline needs to know about a stored object.
 *
 * @param bucket    bucket name
 * @param key       object key
 * @param versionId version id, or null when unversioned
 * @param etag      entity tag without quotes
 * @param size      size in bytes
 * @param lastModified when this version was stored (S3's {@code Last-Modified}), or null when the
 *                  call that produced it does not say
 */
public record StoredObject(String bucket, String key, String versionId, String etag, long size, Instant lastModified) {}

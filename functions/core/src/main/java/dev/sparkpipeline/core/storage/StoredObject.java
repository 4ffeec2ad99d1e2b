package dev.sparkpipeline.core.storage;

/**
 * What the pipeline needs to know about a stored object.
 *
 * @param bucket    bucket name
 * @param key       object key
 * @param versionId version id, or null when unversioned
 * @param etag      entity tag without quotes
 * @param size      size in bytes
 */
public record StoredObject(String bucket, String key, String versionId, String etag, long size) {
}

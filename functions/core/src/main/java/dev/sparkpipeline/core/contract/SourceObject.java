package dev.sparkpipeline.core.contract;

/**
 * The landed object an execution processes.
 *
 * @param bucket    landing bucket name
 * @param key       object key, already URL-decoded
 * @param versionId version id, or null when the bucket is unversioned
 * @param etag      entity tag without quotes
 * @param size      size in bytes
 */
public record SourceObject(String bucket, String key, String versionId, String etag, long size) {

    /** The object's S3 URI, for job arguments and documents. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}

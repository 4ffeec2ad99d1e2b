package dev.sparkpipeline.core.contract;

import dev.sparkpipeline.core.storage.ObjectIdentity;
import java.time.Instant;

/**
 * The landed object an execution processes.
 *
 * @param bucket    landing bucket name
 * @param key       object key, already URL-decoded
 * @param versionId version id, or null when the bucket is unversioned
 * @param etag      entity tag without quotes
 * @param size      size in bytes
 * @param landedAt  when the object landed (the landing event's time), or null when the input does
 *                  not say (a manual input): records about the object are filed under this day
 */
public record SourceObject(String bucket, String key, String versionId, String etag, long size, Instant landedAt) {

    /** The object's S3 URI, for job arguments and documents. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    /** Which object version this is, for the records kept about it. */
    public ObjectIdentity identity() {
        return new ObjectIdentity(bucket, key, versionId, etag);
    }
}

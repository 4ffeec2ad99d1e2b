package dev.sparkpipeline.aws;

import dev.sparkpipeline.aws.priming.CannedResponse;
import dev.sparkpipeline.core.error.NotFound;
import dev.sparkpipeline.core.storage.ObjectStore;
import dev.sparkpipeline.core.storage.StoredObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link ObjectStore} on Amazon S3. A missing key or version is empty; anything else throws. */
public record S3ObjectStore(S3Client s3) implements ObjectStore {

    @Override
    public Optional<StoredObject> head(String bucket, String key, String versionId) {
        Optional<StoredObject> found = unlessMissing(bucket, versionId, () -> {
            HeadObjectResponse head =
                    s3.headObject(b -> b.bucket(bucket).key(key).versionId(versionId));
            return new StoredObject(
                    bucket, key, head.versionId(), unquote(head.eTag()), head.contentLength(), head.lastModified());
        });
        if (found.isEmpty()) {
            requireBucket(bucket);
        }
        return found;
    }

    /**
     * A HEAD has no body, so S3 answers a missing bucket with the same bare 404 as a missing key.
     * A missing bucket is a wrong configuration or event, never "the object was gone": it fails
     * with {@link NotFound} naming the bucket. One extra call, on the missing path only.
     */
    private void requireBucket(String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            throw new NotFound("the bucket " + bucket + " does not exist");
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NotFound("the bucket " + bucket + " does not exist");
            }
            throw e;
        }
    }

    @Override
    public Optional<byte[]> readRange(String bucket, String key, String versionId, long offset, int length) {
        return unlessMissing(
                bucket,
                versionId,
                () -> s3.getObjectAsBytes(b -> b.bucket(bucket)
                                .key(key)
                                .versionId(versionId)
                                .range("bytes=" + offset + "-" + (offset + length - 1)))
                        .asByteArray());
    }

    /** The call's answer, or empty when the key or version does not exist; other failures propagate. */
    private static <T> Optional<T> unlessMissing(String bucket, String versionId, java.util.function.Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (NoSuchBucketException e) {
            throw new NotFound("the bucket " + bucket + " does not exist");
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (isMissing(e) || isUnknownVersion(e, versionId)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public StoredObject copy(
            String sourceBucket, String sourceKey, String sourceVersionId, String targetBucket, String targetKey) {
        CopyObjectResponse copied = s3.copyObject(b -> b.sourceBucket(sourceBucket)
                .sourceKey(sourceKey)
                .sourceVersionId(sourceVersionId)
                .destinationBucket(targetBucket)
                .destinationKey(targetKey)
                .metadataDirective(MetadataDirective.COPY));
        // The copy's size is not in the CopyObject answer: read it back, which also proves the copy exists.
        return head(targetBucket, targetKey, copied.versionId())
                .orElseThrow(() -> new IllegalStateException(
                        "s3://" + targetBucket + "/" + targetKey + " is missing right after CopyObject"));
    }

    @Override
    public StoredObject put(String bucket, String key, String contentType, byte[] content) {
        var put = s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
        return new StoredObject(bucket, key, put.versionId(), unquote(put.eTag()), content.length, null);
    }

    @Override
    public Optional<StoredObject> create(String bucket, String key, String contentType, byte[] content) {
        try {
            var put = s3.putObject(
                    b -> b.bucket(bucket).key(key).contentType(contentType).ifNoneMatch("*"),
                    RequestBody.fromBytes(content));
            return Optional.of(
                    new StoredObject(bucket, key, put.versionId(), unquote(put.eTag()), content.length, null));
        } catch (S3Exception e) {
            // 412: the key exists; 409: a concurrent conditional write of the same key is in flight, and one wins.
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<String> list(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                    .contents()
                    .forEach(object -> keys.add(object.key()));
        } catch (NoSuchBucketException e) {
            throw new NotFound("the bucket " + bucket + " does not exist");
        }
        return keys;
    }

    @Override
    public void delete(String bucket, String key, String versionId) {
        s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(versionId));
    }

    /** HEAD answers 404 with no error code; a version id that never existed is 400 or 404. */
    private static boolean isMissing(S3Exception e) {
        return e.statusCode() == 404
                || "NoSuchVersion"
                        .equals(
                                e.awsErrorDetails() == null
                                        ? null
                                        : e.awsErrorDetails().errorCode());
    }

    /**
     * S3 answers 400 (InvalidArgument; on HEAD, which has no body, just the status) to a version id
     * it cannot parse. Such a version cannot exist: for the pipeline it is missing, like a 404.
     */
    private static boolean isUnknownVersion(S3Exception e, String versionId) {
        return versionId != null && e.statusCode() == 400;
    }

    private static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }

    /**
     * What S3 answers for an object holding {@code content}: a HEAD, and a GET of the whole object
     * or a range of it. For SnapStart warm-ups ({@link CannedResponse}).
     */
    public static List<CannedResponse> cannedAnswers(String etag, String content) {
        String length = String.valueOf(content.getBytes(StandardCharsets.UTF_8).length);
        Map<String, String> head = Map.of(
                "Content-Length",
                length,
                "ETag",
                "\"" + etag + "\"",
                "Last-Modified",
                "Thu, 01 Jan 2026 00:00:00 GMT",
                "Content-Type",
                "text/csv",
                "Accept-Ranges",
                "bytes");
        Map<String, String> range = new HashMap<>(head);
        range.put("Content-Range", "bytes 0-" + (Long.parseLong(length) - 1) + "/" + length);
        return List.of(
                CannedResponse.rest("HEAD", null, 200, head, ""),
                CannedResponse.rest("GET", null, 206, range, content));
    }
}

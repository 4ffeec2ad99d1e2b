package dev.sparkpipeline.local.endpoint;

import dev.sparkpipeline.aws.S3ObjectStore;
import dev.sparkpipeline.core.storage.StoredObject;
import dev.sparkpipeline.local.runner.PipelineBuckets;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The endpoint's buckets, as the runner reaches them. */
record EndpointBuckets(S3Client s3) implements PipelineBuckets {

    @Override
    public StoredObject land(String bucket, String key, Path file) {
        s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromFile(file));
        return new S3ObjectStore(s3).head(bucket, key, null).orElseThrow();
    }

    @Override
    public Optional<byte[]> read(String bucket, String key) {
        try {
            return Optional.of(
                    s3.getObjectAsBytes(request -> request.bucket(bucket).key(key))
                            .asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public String uri(String bucket, String key) {
        return "s3://" + bucket + "/" + key;
    }
}

package dev.sparkpipeline.local.runner;

import dev.sparkpipeline.core.storage.StoredObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The pipeline's buckets as the runner itself reaches them (to land a file, read a manifest, show
 * where things are): the local lake's folders offline, the endpoint's buckets in the endpoint mode.
 * The functions reach them through their own adapters, never through this.
 */
public interface PipelineBuckets {

    /** Copies a file to {@code bucket/key}; answers what HeadObject reports for it. */
    StoredObject land(String bucket, String key, Path file) throws IOException;

    /** The whole object, or empty when it does not exist. */
    Optional<byte[]> read(String bucket, String key);

    /** Where a user finds the object: a {@code file:} URI offline, an {@code s3://} URI on an endpoint. */
    String uri(String bucket, String key);

    /** Where a user finds the object an {@code s3://bucket/key} URI names. */
    default String uri(String s3Uri) {
        String path = s3Uri.substring("s3://".length());
        int slash = path.indexOf('/');
        return uri(path.substring(0, slash), path.substring(slash + 1));
    }
}

package dev.sparkpipeline.local.lake;

import dev.sparkpipeline.core.storage.StoredObject;
import dev.sparkpipeline.local.runner.PipelineBuckets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** The local lake's folders as the pipeline's buckets. */
public record LakeBuckets(LocalLake lake) implements PipelineBuckets {

    @Override
    public StoredObject land(String bucket, String key, Path file) throws IOException {
        Path landed = lake.file(bucket, key);
        Files.createDirectories(landed.getParent());
        Files.copy(file, landed, StandardCopyOption.REPLACE_EXISTING);
        return new FolderObjectStore(lake).head(bucket, key, null).orElseThrow();
    }

    @Override
    public Optional<byte[]> read(String bucket, String key) {
        Path file = lake.file(bucket, key);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String uri(String bucket, String key) {
        return lake.uri(bucket, key);
    }
}

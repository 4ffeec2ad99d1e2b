package dev.sparkpipeline.local.lake;

import dev.sparkpipeline.core.storage.ObjectStore;
import dev.sparkpipeline.core.storage.StoredObject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@link ObjectStore} on the local lake. Buckets are unversioned (version ids are null) and an
 * ETag is the MD5 of the content, as S3 computes it for single-part uploads.
 */
public record FolderObjectStore(LocalLake lake) implements ObjectStore {

    @Override
    public Optional<StoredObject> head(String bucket, String key, String versionId) {
        Path file = lake.file(bucket, key);
        if (versionId != null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(describe(bucket, key, file));
    }

    @Override
    public Optional<byte[]> readRange(String bucket, String key, String versionId, long offset, int length) {
        Path file = lake.file(bucket, key);
        if (versionId != null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long available = Math.max(0, in.length() - offset);
            byte[] bytes = new byte[(int) Math.min(length, available)];
            in.seek(offset);
            in.readFully(bytes);
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public StoredObject copy(
            String sourceBucket, String sourceKey, String sourceVersionId, String targetBucket, String targetKey) {
        Path target = lake.file(targetBucket, targetKey);
        try {
            Path source = lake.file(sourceBucket, sourceKey);
            replace(target, draft -> Files.copy(source, draft, StandardCopyOption.REPLACE_EXISTING));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return describe(targetBucket, targetKey, target);
    }

    @Override
    public StoredObject put(String bucket, String key, String contentType, byte[] content) {
        Path target = lake.file(bucket, key);
        try {
            replace(target, draft -> Files.write(draft, content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return describe(bucket, key, target);
    }

    @Override
    public Optional<StoredObject> create(String bucket, String key, String contentType, byte[] content) {
        Path target = lake.file(bucket, key);
        try {
            Files.createDirectories(target.getParent());
            // Written aside, then linked into place: a link fails if the name exists, so one writer wins
            // and no reader sees a half-written document.
            Path draft = LocalLake.draftBeside(target);
            try {
                Files.write(draft, content);
                Files.createLink(target, draft);
            } catch (FileAlreadyExistsException taken) {
                return Optional.empty();
            } finally {
                Files.deleteIfExists(draft);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(describe(bucket, key, target));
    }

    @Override
    public List<String> list(String bucket, String prefix) {
        Path folder = lake.root().resolve(bucket);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !LocalLake.isDraft(file))
                    .map(file -> lake.key(bucket, file))
                    .filter(key -> key.startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String bucket, String key, String versionId) {
        try {
            Files.deleteIfExists(lake.file(bucket, key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code target} whole or not at all, as S3 replaces an object: the content goes to a
     * draft beside it, which is then moved over it, so no reader (and no runner stopped mid-write)
     * ever sees half a document.
     */
    private static void replace(Path target, Writer writer) throws IOException {
        Files.createDirectories(target.getParent());
        Path draft = LocalLake.draftBeside(target);
        try {
            writer.write(draft);
            Files.move(draft, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    /** Fills a draft. */
    @FunctionalInterface
    private interface Writer {
        void write(Path draft) throws IOException;
    }

    private static StoredObject describe(String bucket, String key, Path file) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            try (var in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    md5.update(buffer, 0, n);
                }
            }
            return new StoredObject(
                    bucket,
                    key,
                    null,
                    HexFormat.of().formatHex(md5.digest()),
                    Files.size(file),
                    Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}

package dev.sparkpipeline.local.bench;

import dev.sparkpipeline.core.storage.ObjectStore;
import dev.sparkpipeline.core.storage.StoredObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * S3 for a load run, in memory: documents (plans, claims, manifests, reason documents) are kept as
 * written; landed files are {@link SyntheticCsv}s, so thousands of 256 KiB files take no memory,
 * and a copy shares its source's content. Unversioned, like the local lake (version ids are null,
 * an ETag is the MD5 of what was written), with S3's create-only write. Every call is one request
 * on the {@link RequestMeter}; every copy of a landed file is reported to the {@link FateLedger}.
 */
final class MemoryObjectStore implements ObjectStore {

    /** A stored object: its metadata and either its bytes or its synthetic content. */
    private record Entry(StoredObject meta, byte[] bytes, SyntheticCsv synthetic) {

        byte[] range(long offset, int length) {
            if (synthetic != null) {
                return synthetic.range(offset, length);
            }
            int from = (int) Math.min(offset, bytes.length);
            return Arrays.copyOfRange(bytes, from, (int) Math.min(bytes.length, from + (long) length));
        }
    }

    private final Map<String, Entry> objects = new HashMap<>();
    private final Clock clock;
    private final RequestMeter meter;
    private final FateLedger fates;

    MemoryObjectStore(Clock clock, RequestMeter meter, FateLedger fates) {
        this.clock = clock;
        this.meter = meter;
        this.fates = fates;
    }

    /** A file lands (an upload, which no function makes). */
    StoredObject land(String bucket, String key, SyntheticCsv content) {
        StoredObject meta = new StoredObject(
                bucket,
                key,
                null,
                md5((key + "\n" + content.size()).getBytes(StandardCharsets.UTF_8)),
                content.size(),
                clock.instant());
        objects.put(path(bucket, key), new Entry(meta, null, content));
        return meta;
    }

    @Override
    public Optional<StoredObject> head(String bucket, String key, String versionId) {
        meter.request();
        return find(bucket, key, versionId).map(Entry::meta);
    }

    @Override
    public Optional<byte[]> readRange(String bucket, String key, String versionId, long offset, int length) {
        meter.request();
        return find(bucket, key, versionId).map(entry -> entry.range(offset, length));
    }

    @Override
    public StoredObject copy(
            String sourceBucket, String sourceKey, String sourceVersionId, String targetBucket, String targetKey) {
        meter.request();
        Entry source = find(sourceBucket, sourceKey, sourceVersionId)
                .orElseThrow(() -> new IllegalStateException(
                        "NoSuchKey: s3://" + sourceBucket + "/" + sourceKey + " cannot be copied"));
        StoredObject meta = new StoredObject(
                targetBucket,
                targetKey,
                null,
                source.meta().etag(),
                source.meta().size(),
                clock.instant());
        objects.put(path(targetBucket, targetKey), new Entry(meta, source.bytes(), source.synthetic()));
        fates.copied(sourceBucket, sourceKey, targetKey, clock.instant());
        return meta;
    }

    @Override
    public StoredObject put(String bucket, String key, String contentType, byte[] content) {
        meter.request();
        return write(bucket, key, content);
    }

    @Override
    public Optional<StoredObject> create(String bucket, String key, String contentType, byte[] content) {
        meter.request();
        if (objects.containsKey(path(bucket, key))) {
            return Optional.empty();
        }
        return Optional.of(write(bucket, key, content));
    }

    @Override
    public List<String> list(String bucket, String prefix) {
        meter.request();
        return objects.keySet().stream()
                .filter(path -> path.startsWith(bucket + "/" + prefix))
                .map(path -> path.substring(bucket.length() + 1))
                .sorted()
                .toList();
    }

    @Override
    public void delete(String bucket, String key, String versionId) {
        meter.request();
        objects.remove(path(bucket, key));
    }

    /** Reads a document without counting a request: the engine model's reads, which no function makes. */
    Optional<byte[]> document(String bucket, String key) {
        return find(bucket, key, null)
                .map(entry -> entry.range(0, (int) entry.meta().size()));
    }

    /** Writes a document without counting a request: the simulated job's own output. */
    void writeDocument(String bucket, String key, byte[] content) {
        write(bucket, key, content);
    }

    private StoredObject write(String bucket, String key, byte[] content) {
        StoredObject meta = new StoredObject(bucket, key, null, md5(content), content.length, clock.instant());
        objects.put(path(bucket, key), new Entry(meta, content.clone(), null));
        return meta;
    }

    private Optional<Entry> find(String bucket, String key, String versionId) {
        // Unversioned: a version id names no object here, as on the local lake.
        return versionId != null ? Optional.empty() : Optional.ofNullable(objects.get(path(bucket, key)));
    }

    private static String path(String bucket, String key) {
        return bucket + "/" + key;
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}

package dev.sparkpipeline.core.landing;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.core.json.JsonObject;
import dev.sparkpipeline.core.storage.ObjectIdentity;
import dev.sparkpipeline.core.storage.ObjectStore;
import dev.sparkpipeline.core.storage.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sets a file aside with the reason why: copies the exact source version to its
 * {@link RecordLocation} (a folder per object identity, dated by when it landed), verifies the
 * copy, then writes {@code <copy>.reason.json} beside it, and only then (if configured) deletes
 * the source. The reason document is written last, so its presence means the file is safely set
 * aside: a repeated call finds it and does nothing twice. A record is removed copy first, for
 * the same reason.
 *
 * @param store        where both the source and the copy live
 * @param bucket       the quarantine bucket
 * @param prefix       {@code quarantine/} for rejected files, {@code failed/} for failed executions
 * @param deleteSource delete the source version once the copy is verified
 */
public record QuarantineWriter(ObjectStore store, String bucket, String prefix, boolean deleteSource) {

    private static final int REASON_MAX_BYTES = 1 << 20;

    /** Sets {@code source} aside with this reason; {@code landedAt} picks the dated folder. */
    public SetAside setAside(StoredObject source, Map<String, Object> reason, Instant landedAt) {
        RecordLocation location = location(ObjectIdentity.of(source), landedAt);
        String copyKey = location.copyKey();
        String reasonKey = location.reasonKey();
        if (store.head(bucket, reasonKey, null).isPresent()) {
            return new SetAside(uri(copyKey), uri(reasonKey), true);
        }
        StoredObject copy = store.copy(source.bucket(), source.key(), source.versionId(), bucket, copyKey);
        verify(source, copy);
        Map<String, Object> document = new LinkedHashMap<>(reason);
        document.put("source", sourceFields(source));
        document.put("copy", Map.of("uri", uri(copyKey), "versionId", String.valueOf(copy.versionId())));
        store.put(bucket, reasonKey, "application/json", json(document));
        if (deleteSource) {
            store.delete(source.bucket(), source.key(), source.versionId());
        }
        return new SetAside(uri(copyKey), uri(reasonKey), false);
    }

    /** Where this writer keeps the record of {@code object}. */
    public RecordLocation location(ObjectIdentity object, Instant landedAt) {
        return RecordLocation.of(prefix, object, landedAt);
    }

    /** The URI of a key this writer's bucket holds. */
    public String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    /** The reason document of the record of {@code object}, when there is one. */
    public Optional<Map<String, Object>> reason(ObjectIdentity object, Instant landedAt) {
        return store.readRange(bucket, location(object, landedAt).reasonKey(), null, 0, REASON_MAX_BYTES)
                .map(json -> JsonObject.parse(json).fields());
    }

    /** Removes the record of {@code object}, if any: the copy, then the reason document. */
    public void remove(ObjectIdentity object, Instant landedAt) {
        RecordLocation location = location(object, landedAt);
        store.delete(bucket, location.copyKey(), null);
        store.delete(bucket, location.reasonKey(), null);
    }

    /**
     * A copy counts only if it has the source's size and, for single-part sources, its ETag
     * (a multipart source's ETag is a digest of its parts, which a copy does not reproduce).
     */
    private static void verify(StoredObject source, StoredObject copy) {
        boolean multipart = source.etag() != null && source.etag().contains("-");
        boolean sameEtag = multipart || source.etag() == null || source.etag().equals(copy.etag());
        if (copy.size() != source.size() || !sameEtag) {
            throw new CopyNotVerified(
                    "copy of s3://" + source.bucket() + "/" + source.key() + " has size " + copy.size() + " and ETag "
                            + copy.etag() + "; the source has " + source.size() + " and " + source.etag());
        }
    }

    private static Map<String, Object> sourceFields(StoredObject source) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("bucket", source.bucket());
        fields.put("key", source.key());
        fields.put("versionId", source.versionId());
        fields.put("etag", source.etag());
        fields.put("size", source.size());
        return fields;
    }

    private static byte[] json(Map<String, Object> document) {
        try {
            return JSON.std
                    .with(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_NULL_PROPERTIES)
                    .asString(document)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where a file was set aside.
     *
     * @param copyUri        the copy
     * @param reasonUri      the reason document
     * @param alreadySetAside true when an earlier call had done it
     */
    public record SetAside(String copyUri, String reasonUri, boolean alreadySetAside) {}

    /** The copy does not match its source: nothing is deleted, and the caller's retry tries again. */
    public static final class CopyNotVerified extends RuntimeException {
        public CopyNotVerified(String message) {
            super(message);
        }
    }
}

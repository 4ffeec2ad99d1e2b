package dev.sparkpipeline.core.storage;

/**
 * Which stored object a record is about: bucket, key and version, or the ETag where the bucket
 * is unversioned. Two different files dropped under the same name differ in version (or ETag),
 * so everything keyed by this identity (execution names, quarantine, archive and failure
 * records) keeps them apart, and a repeated write for the same object lands on the same record.
 *
 * @param bucket    bucket name
 * @param key       object key
 * @param versionId version id, or null when unversioned
 * @param etag      entity tag; identifies the object only when there is no version id
 */
public record ObjectIdentity(String bucket, String key, String versionId, String etag) {

    /** Length of {@link #shortId()}: 64 bits, so two objects of one day never share a folder. */
    public static final int SHORT_ID_LENGTH = 16;

    /** The identity of a stored object version. */
    public static ObjectIdentity of(StoredObject object) {
        return new ObjectIdentity(object.bucket(), object.key(), object.versionId(), object.etag());
    }

    /** The SHA-256 of the identity, in 64 hex digits. */
    public String digest() {
        String text = bucket + "\n" + key + "\n" + (versionId != null ? "v:" + versionId : "e:" + etag);
        return Sha256.hex(text);
    }

    /** The first {@value #SHORT_ID_LENGTH} hex digits of {@link #digest()}: the name of the object's record folder. */
    public String shortId() {
        return digest().substring(0, SHORT_ID_LENGTH);
    }
}

package dev.sparkpipeline.core.landing;

import java.time.Instant;
import java.util.List;

/**
 * One object a landing event announces, with its key already decoded.
 *
 * @param bucket        landing bucket
 * @param keyCandidates the key to look for, then any alternative spelling worth a second look
 *                      (an EventBridge key whose encoding is ambiguous); never empty
 * @param versionId     the announced version, or null
 * @param etag          the announced entity tag, or null
 * @param size          the announced size in bytes
 * @param eventId       the event's id (S3 sequencer or EventBridge id), for the reason document
 * @param eventTime     when the object landed, or null when the event does not say (the object's
 *                      Last-Modified then dates its records)
 */
public record LandedObject(
        String bucket,
        List<String> keyCandidates,
        String versionId,
        String etag,
        long size,
        String eventId,
        Instant eventTime) {

    public LandedObject {
        keyCandidates = List.copyOf(keyCandidates);
        if (keyCandidates.isEmpty()) {
            throw new IllegalArgumentException("a landed object needs a key");
        }
    }

    /** The key the event most likely means. */
    public String key() {
        return keyCandidates.get(0);
    }
}

package dev.sparkpipeline.core.landing;

import dev.sparkpipeline.core.storage.ObjectIdentity;
import dev.sparkpipeline.core.storage.Sha256;

/**
 * The Step Functions execution name of a landed object version: the same object version always
 * gets the same name, so a repeated event cannot start a second execution. Names are at most
 * 80 characters of {@code [A-Za-z0-9_-]} (the StartExecution limit): a readable dataset prefix
 * and the SHA-256 of bucket, key and version (or ETag when the bucket is unversioned).
 */
public final class ExecutionName {

    /** StartExecution's limit on {@code name}. */
    public static final int MAX_LENGTH = 80;

    private static final int DIGEST_HEX = 64;
    private static final int PREFIX_MAX = MAX_LENGTH - DIGEST_HEX - 1;
    private static final String REPLAY_INFIX = "-replay-";
    /** 192 bits, as a batch's id: a collision would need about 2^96 replays. */
    private static final int REPLAY_DIGEST_HEX = 48;

    private ExecutionName() {}

    /** The name for this object version. */
    public static String of(String dataset, String bucket, String key, String versionId, String etag) {
        return prefix(dataset, PREFIX_MAX) + "-" + new ObjectIdentity(bucket, key, versionId, etag).digest();
    }

    /**
     * The name of the replay of one failure record: the dataset, {@value #REPLAY_INFIX}, and a
     * digest of the execution that failed the file and the record's key. The same record replayed
     * twice gets the same name, so Step Functions answers the second start as a duplicate; once the
     * replay itself failed, the record names the replay's execution and the next replay gets a
     * new name.
     *
     * @param failedExecution the execution the record names
     * @param recordKey       the key of the record's reason document
     */
    public static String replay(String dataset, String failedExecution, String recordKey) {
        String digest = Sha256.hex(failedExecution + "\n" + recordKey).substring(0, REPLAY_DIGEST_HEX);
        return prefix(dataset, MAX_LENGTH - REPLAY_INFIX.length() - REPLAY_DIGEST_HEX) + REPLAY_INFIX + digest;
    }

    /** The dataset's name in the characters a name may hold, at most {@code room} of them. */
    private static String prefix(String dataset, int room) {
        String prefix = dataset.replaceAll("[^A-Za-z0-9_-]", "_");
        return prefix.length() > room ? prefix.substring(0, room) : prefix;
    }
}

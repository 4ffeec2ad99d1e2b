package dev.sparkpipeline.core.intake;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.SourceObject;
import java.time.Instant;
import java.util.List;

/**
 * The landed files one batch execution curates: {@code s3://<curated>/_batches/<dataset>/<id>.json},
 * written once by the batcher before the execution starts, read by the curate job (its input),
 * by publishing (each member's fate) and by failure recording (every member's record).
 * {@code BatchManifestJson} is its one codec.
 *
 * @param id        the batch's id, which is also its execution's name
 * @param dataset   the dataset every member belongs to
 * @param engine    the engine the batch runs on
 * @param createdAt when the batch was planned
 * @param files     the members, oldest landing first
 */
public record BatchManifest(String id, String dataset, Engine engine, Instant createdAt, List<SourceObject> files) {

    /** Where batch documents live, in the curated bucket. */
    public static final String PREFIX = "_batches/";

    public BatchManifest {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one file");
        }
    }

    /** The manifest's key in the curated bucket. */
    public static String key(String dataset, String id) {
        return PREFIX + dataset + "/" + id + ".json";
    }

    /** Total bytes of the members. */
    public long bytes() {
        return files.stream().mapToLong(SourceObject::size).sum();
    }
}

package dev.sparkpipeline.core.intake;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.JobSettings;
import dev.sparkpipeline.core.contract.SourceBatch;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import dev.sparkpipeline.core.execution.ExecutionStarter;
import dev.sparkpipeline.core.execution.StartOutcome;
import dev.sparkpipeline.core.json.BatchManifestJson;
import dev.sparkpipeline.core.json.JsonObject;
import dev.sparkpipeline.core.landing.ExecutionName;
import dev.sparkpipeline.core.storage.ObjectIdentity;
import dev.sparkpipeline.core.storage.ObjectStore;
import dev.sparkpipeline.core.storage.Sha256;
import dev.sparkpipeline.core.storage.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Closes a planned batch into one execution, so that a file delivered twice, or a batcher retried
 * or run twice at once, puts every file in at most one batch and starts every batch once:
 * <ol>
 *   <li>the plan is written once under {@code _batches/<dataset>/_plans/<id>.json}; the id is the
 *       digest of the planned members, so the same plan always has the same id;
 *   <li>each member is claimed with a create-only write of {@code _batches/<dataset>/_claims/<digest>.json}
 *       naming the batch: the first claim of a file wins, for good;
 *   <li>a member another batch claimed is that batch's: if that batch has no manifest yet (its
 *       batcher stopped midway), it is settled here from its own plan;
 *   <li>the manifest lists exactly the members whose claim names the batch: every closer makes the
 *       same claims before writing it, so whichever writes it first writes the same list;
 *   <li>the execution starts under the batch's id, so a second start is a duplicate.
 * </ol>
 *
 * @param store         the curated bucket's store
 * @param curatedBucket where the batch documents live
 * @param catalog       the datasets: a batch's job settings come from its dataset
 * @param starter       starts the batch's execution
 */
public record BatchCloser(ObjectStore store, String curatedBucket, DatasetCatalog catalog, ExecutionStarter starter) {

    private static final String JSON = "application/json";
    private static final String INFIX = "-batch-";
    /** 192 bits of the members' digest: an id collision would need about 2^96 batches. */
    private static final int DIGEST_HEX = 48;

    /**
     * A closed batch.
     *
     * @param id        the batch's id and execution name
     * @param files     the members the manifest lists
     * @param duplicate true when the execution existed already (a retried batcher)
     */
    public record Closed(String id, String dataset, int files, boolean duplicate) {}

    /** The id of a batch of these files: the dataset, then the digest of the members' identities. */
    public static String idOf(String dataset, List<SourceObject> files) {
        List<String> digests = new ArrayList<>();
        files.forEach(file -> digests.add(file.identity().digest()));
        digests.sort(null);
        String prefix = dataset.replaceAll("[^A-Za-z0-9_-]", "_");
        int room = ExecutionName.MAX_LENGTH - INFIX.length() - DIGEST_HEX;
        prefix = prefix.length() > room ? prefix.substring(0, room) : prefix;
        return prefix + INFIX + Sha256.hex(String.join("\n", digests)).substring(0, DIGEST_HEX);
    }

    /**
     * Closes the batch of these files, planned at {@code plannedAt}; empty when every member turned
     * out to be another batch's.
     */
    public Optional<Closed> close(String dataset, Engine engine, List<SourceObject> files, Instant plannedAt) {
        String id = idOf(dataset, files);
        BatchManifest plan = new BatchManifest(id, dataset, engine, plannedAt, files);
        store.create(curatedBucket, planKey(dataset, id), JSON, BatchManifestJson.write(plan));
        return settle(readPlan(dataset, id).orElse(plan), new HashSet<>());
    }

    private Optional<Closed> settle(BatchManifest plan, Set<String> visited) {
        visited.add(plan.id());
        List<SourceObject> members = new ArrayList<>();
        for (SourceObject file : plan.files()) {
            String owner = claim(plan.dataset(), file, plan.id());
            if (owner.equals(plan.id())) {
                members.add(file);
            } else if (visited.add(owner) && !settled(plan.dataset(), owner)) {
                // The file is another batch's, whose batcher stopped before its manifest: finish that batch first.
                // (Each other batch is looked at once per close: many members of one batch cost one check.)
                readPlan(plan.dataset(), owner).ifPresent(other -> settle(other, visited));
            }
        }
        if (members.isEmpty()) {
            return Optional.empty();
        }
        BatchManifest manifest = new BatchManifest(plan.id(), plan.dataset(), plan.engine(), plan.createdAt(), members);
        String key = BatchManifest.key(plan.dataset(), plan.id());
        store.create(curatedBucket, key, JSON, BatchManifestJson.write(manifest));
        StoredObject written = store.head(curatedBucket, key, null)
                .orElseThrow(() -> new IllegalStateException("batch manifest s3://" + curatedBucket + "/" + key
                        + " is not readable right after it was written"));
        int timeout = catalog.named(plan.dataset())
                .map(DatasetSpec::timeoutMinutes)
                .orElse(JobSettings.DEFAULT_TIMEOUT_MINUTES);
        var input = new ExecutionInput(
                plan.dataset(),
                new SourceObject(
                        curatedBucket, key, written.versionId(), written.etag(), written.size(), plan.createdAt()),
                plan.engine(),
                new JobSettings(timeout, Map.of(), null, null),
                new SourceBatch(plan.id(), members.size()));
        StartOutcome started = starter.start(plan.id(), input);
        return Optional.of(new Closed(plan.id(), plan.dataset(), members.size(), started.duplicate()));
    }

    /** Claims {@code file} for {@code batch}; answers the batch that holds the claim. */
    private String claim(String dataset, SourceObject file, String batch) {
        String key = claimKey(dataset, file.identity());
        if (store.create(curatedBucket, key, JSON, JsonObject.write(Map.of("batch", batch)))
                .isPresent()) {
            return batch;
        }
        byte[] claim = store.readRange(curatedBucket, key, null, 0, 4096)
                .orElseThrow(() -> new IllegalStateException("the claim s3://" + curatedBucket + "/" + key
                        + " is being written by another batcher: retried with the message"));
        return JsonObject.parse(claim).string("batch");
    }

    /** Whether the batch has its manifest: it was closed. */
    private boolean settled(String dataset, String batch) {
        return store.head(curatedBucket, BatchManifest.key(dataset, batch), null)
                .isPresent();
    }

    private Optional<BatchManifest> readPlan(String dataset, String batch) {
        return store.readRange(curatedBucket, planKey(dataset, batch), null, 0, BatchManifests.MAX_MANIFEST_BYTES)
                .map(BatchManifestJson::read);
    }

    /** Where a batch's plan is, in the curated bucket. */
    public static String planKey(String dataset, String batch) {
        return BatchManifest.PREFIX + dataset + "/_plans/" + batch + ".json";
    }

    /** Where a file's claim is, in the curated bucket. */
    public static String claimKey(String dataset, ObjectIdentity file) {
        return BatchManifest.PREFIX + dataset + "/_claims/" + file.digest() + ".json";
    }
}

package dev.sparkpipeline.core.outcome;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.error.NotFound;
import dev.sparkpipeline.core.json.ManifestJson;
import dev.sparkpipeline.core.landing.QuarantineWriter;
import dev.sparkpipeline.core.landing.RecordLocation;
import dev.sparkpipeline.core.storage.ObjectIdentity;
import dev.sparkpipeline.core.storage.ObjectStore;
import dev.sparkpipeline.core.storage.StoredObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * After a successful job: makes the run's output queryable (the dataset's table, created or
 * updated from the manifest's schema, and its new partitions) and archives the source (a
 * verified copy under {@code _processed/}, then the source deleted if configured). A failure
 * recorded for the same object by an earlier run is superseded: removed from {@code failed/},
 * and its reason kept in the archive's reason document, so the file is in one place. Every step
 * tolerates being repeated.
 */
public final class Publisher {

    /** Where sources are archived, in the curated bucket. */
    public static final String ARCHIVE_PREFIX = "_processed/";

    private static final int MANIFEST_MAX_BYTES = 1 << 20;

    private final ObjectStore store;
    private final Catalog catalog;
    private final String curatedBucket;
    private final QuarantineWriter archive;
    private final QuarantineWriter failures;
    private final Clock clock;

    /**
     * @param quarantineBucket the bucket of {@code failed/}, where an earlier failure of the same object may be recorded
     * @param deleteSource     delete the landed file once its archive copy is verified
     */
    public Publisher(
            ObjectStore store,
            Catalog catalog,
            String curatedBucket,
            String quarantineBucket,
            boolean deleteSource,
            Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.curatedBucket = curatedBucket;
        this.archive = new QuarantineWriter(store, curatedBucket, ARCHIVE_PREFIX, deleteSource);
        this.failures = new QuarantineWriter(store, quarantineBucket, FailureRecorder.PREFIX, false);
        this.clock = clock;
    }

    /**
     * Publishes one run; answers the summary the state machine outputs.
     *
     * @param startedAt when the execution started, or null: dates the archive of a source whose landing time is unknown
     */
    public Map<String, Object> publish(String runId, Instant startedAt, ExecutionInput input) {
        String root = input.dataset();
        String manifestKey = root + "/" + Manifest.relativePath(runId);
        byte[] manifestJson = store.readRange(curatedBucket, manifestKey, null, 0, MANIFEST_MAX_BYTES)
                .orElseThrow(() -> new NotFound("no manifest at s3://" + curatedBucket + "/" + manifestKey
                        + ": the job did not finish writing"));
        Manifest manifest = ManifestJson.read(manifestJson);
        List<String> partitionColumns = partitionColumns(manifest.partitions());
        Map<String, String> columns = new LinkedHashMap<>();
        Map<String, String> partitionTypes = new LinkedHashMap<>();
        manifest.schema().forEach((name, type) -> {
            if (partitionColumns.contains(name)) {
                partitionTypes.put(name, hiveType(type));
            } else {
                columns.put(name, hiveType(type));
            }
        });
        partitionColumns.forEach(name -> partitionTypes.putIfAbsent(name, "string"));
        String location = "s3://" + curatedBucket + "/" + root + "/";
        boolean created = catalog.upsertTable(manifest.dataset(), location, columns, partitionTypes);
        List<List<String>> values = new ArrayList<>();
        manifest.partitions().stream()
                .filter(path -> !path.isEmpty())
                .forEach(path -> values.add(partitionValues(path)));
        int added = values.isEmpty() ? 0 : catalog.addPartitions(manifest.dataset(), location, values);

        Optional<StoredObject> source = store.head(
                input.source().bucket(), input.source().key(), input.source().versionId());
        Instant landedAt =
                RecordLocation.landingTime(input.source(), source, startedAt != null ? startedAt : clock.instant());
        String archived = null;
        String superseded = null;
        if (source.isPresent()) {
            ObjectIdentity identity = ObjectIdentity.of(source.get());
            Map<String, Object> reason = new LinkedHashMap<>();
            reason.put("runId", runId);
            reason.put("dataset", input.dataset());
            Optional<Map<String, Object>> earlierFailure = failures.reason(identity, landedAt);
            if (earlierFailure.isPresent()) {
                // Removed before the archive is written: a crash in between leaves the file in
                // landing only, and the retry archives it; never in two places.
                superseded = failures.uri(failures.location(identity, landedAt).reasonKey());
                reason.put("supersedes", Map.of("failure", superseded, "reason", earlierFailure.get()));
                failures.remove(identity, landedAt);
            }
            archived = archive.setAside(source.get(), reason, landedAt).copyUri();
        }

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("table", manifest.dataset());
        summary.put("tableCreated", created);
        summary.put("curated", location);
        summary.put("partitions", manifest.partitions());
        summary.put("partitionsAdded", added);
        summary.put(
                "rows", Map.of("in", manifest.rowsIn(), "out", manifest.rowsOut(), "rejected", manifest.rejected()));
        summary.put("manifest", "s3://" + curatedBucket + "/" + manifestKey);
        summary.put("archived", archived);
        if (superseded != null) {
            summary.put("supersededFailure", superseded);
        }
        return summary;
    }

    // A path written with a trailing '/' reads as one without it, as it always has: split drops the empty last part.
    @SuppressWarnings("StringSplitter")
    private static List<String> partitionColumns(List<String> partitions) {
        List<String> columns = new ArrayList<>();
        partitions.stream().filter(path -> !path.isEmpty()).findFirst().ifPresent(path -> {
            for (String part : path.split("/")) {
                columns.add(part.substring(0, part.indexOf('=')));
            }
        });
        return columns;
    }

    // As partitionColumns: a trailing '/' adds no partition.
    @SuppressWarnings("StringSplitter")
    private static List<String> partitionValues(String path) {
        List<String> values = new ArrayList<>();
        for (String part : path.split("/")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                throw new InvalidInput("manifest partition " + path + " is not name=value");
            }
            values.add(java.net.URLDecoder.decode(part.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return values;
    }

    /** Spark SQL's simple type names as Hive (and Athena) spell them. */
    static String hiveType(String sparkType) {
        String type = sparkType.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "integer" -> "int";
            case "long" -> "bigint";
            case "short" -> "smallint";
            case "byte" -> "tinyint";
            default -> type;
        };
    }
}

package dev.sparkpipeline.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.core.landing.LandingValidator;
import dev.sparkpipeline.core.outcome.FailureRecorder;
import dev.sparkpipeline.core.outcome.Publisher;
import dev.sparkpipeline.core.storage.ObjectIdentity;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.template.BucketNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The invariant every finished run keeps: each object in the landing bucket is in exactly one of
 * three places: processed (a copy under the curated bucket's {@code _processed/}), quarantined
 * or failed (a copy and a reason document under {@code quarantine/} or {@code failed/}). Records
 * are found the way the pipeline files them, by the object's identity (its key and, the local
 * lake being unversioned, the MD5 of its bytes), and every record anywhere holds the bytes of the
 * object it names: a record never mixes two files of the same name. Batches change none of it:
 * each member of a batch has its own record, and once a run ends no file still waits on the intake
 * queue (a message there is a landed file without a fate yet).
 */
public final class LakeInvariant {

    private static final BucketNames BUCKETS = ProjectFiles.buckets();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code <prefix>yyyy/MM/dd/<object id>/<name>} */
    private static final Pattern RECORD = Pattern.compile("(\\d{4}/\\d{2}/\\d{2})/([0-9a-f]{16})/(.+)");

    private LakeInvariant() {}

    /** Asserts the invariant over the lake. */
    public static void assertEveryLandedObjectHasOneFate(Path lakeDir) {
        LocalLake lake = new LocalLake(lakeDir);
        List<FiledCopy> records = new ArrayList<>();
        records.addAll(records(lake, BUCKETS.curated(), Publisher.ARCHIVE_PREFIX, false));
        records.addAll(records(lake, BUCKETS.quarantine(), LandingValidator.QUARANTINE_PREFIX, true));
        records.addAll(records(lake, BUCKETS.quarantine(), FailureRecorder.PREFIX, true));
        List<String> problems = new ArrayList<>();
        for (FiledCopy record : records) {
            record.problem().ifPresent(problems::add);
        }
        for (Path landed : files(lake.root().resolve(BUCKETS.landing()))) {
            String key = lake.key(BUCKETS.landing(), landed);
            String id = new ObjectIdentity(BUCKETS.landing(), key, null, md5(read(landed))).shortId();
            List<String> fates = records.stream()
                    .filter(record -> record.objectId().equals(id))
                    .map(FiledCopy::prefix)
                    .toList();
            if (fates.size() != 1) {
                problems.add(key + " (" + id + "): in " + (fates.isEmpty() ? "no place" : fates));
            }
        }
        for (Path waiting : files(lake.root().resolve("_queues"))) {
            problems.add(lake.root().relativize(waiting) + ": still queued, waiting for a batch");
        }
        assertThat(problems)
                .as("objects without exactly one fate, or records that are not their object's")
                .isEmpty();
    }

    private static List<FiledCopy> records(LocalLake lake, String bucket, String prefix, boolean withReason) {
        List<FiledCopy> records = new ArrayList<>();
        for (Path file : files(lake.root().resolve(bucket))) {
            String key = lake.key(bucket, file);
            if (!key.startsWith(prefix) || key.endsWith(".reason.json")) {
                continue;
            }
            Matcher matcher = RECORD.matcher(key.substring(prefix.length()));
            Path reason = lake.file(bucket, key + ".reason.json");
            records.add(new FiledCopy(
                    prefix,
                    key,
                    matcher.matches() ? matcher.group(2) : "",
                    read(file),
                    Files.isRegularFile(reason) ? read(reason) : null,
                    withReason));
        }
        return records;
    }

    /** One copy the pipeline filed, with its reason document when it has one. */
    @SuppressWarnings("ArrayRecordComponent") // read once, compared by content through its MD5
    private record FiledCopy(
            String prefix, String key, String objectId, byte[] bytes, byte[] reason, boolean withReason) {

        Optional<String> problem() {
            if (objectId.isEmpty()) {
                return Optional.of(key + ": not filed as <day>/<object id>/<name>");
            }
            if (withReason && reason == null) {
                return Optional.of(key + ": no reason document");
            }
            if (reason == null) {
                return Optional.empty();
            }
            try {
                JsonNode source = JSON.readTree(reason).path("source");
                String sourceKey = source.path("key").asText();
                String id = new ObjectIdentity(BUCKETS.landing(), sourceKey, null, md5(bytes)).shortId();
                return id.equals(objectId)
                        ? Optional.empty()
                        : Optional.of(key + ": its bytes and reason are not those of object " + objectId);
            } catch (IOException e) {
                return Optional.of(key + ": reason document is not JSON");
            }
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.sparkpipeline.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.core.json.QueuedFileJson;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.asl.StatesError;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.runner.LocalPipeline;
import dev.sparkpipeline.local.spark.LocalSparkJob;
import dev.sparkpipeline.local.template.BucketNames;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus of bad inputs in {@code events/bad/}, each through the part of the pipeline it would
 * reach: landing events through the validate function (the objects they name landed first, when
 * they can exist), manual execution inputs through the state machine, direct function events
 * through their function. Each gets a typed error naming what is wrong, or a quarantine with a
 * reason; none gets a stack trace, and no landed file is lost.
 */
class BadInputCorpusTest {

    private static final BucketNames BUCKETS = ProjectFiles.buckets();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CORPUS = ProjectFiles.root().resolve("events/bad");
    private static final String TYPED = "dev.sparkpipeline.core.error.";
    /** Keys an S3 object may have but the pipeline must not process: set aside with a reason. */
    private static final Set<String> QUARANTINED_KEYS = Set.of(
            "key-dot-dot.json", "key-control-character.json", "key-leading-slash.json", "key-unknown-dataset.json");

    @TempDir
    static Path lakeDir;

    private static LocalPipeline pipeline;

    @TestFactory
    Stream<DynamicTest> everyBadInputGetsATypedErrorOrAQuarantineWithAReason() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(CORPUS)) {
            files = all.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(40);
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(CORPUS.relativize(file).toString(), () -> {
                    String group = CORPUS.relativize(file).getName(0).toString();
                    switch (group) {
                        case "landing" -> landing(file);
                        case "manual" -> manual(file);
                        case "functions" ->
                            function(file.getParent().getFileName().toString(), file);
                        default -> throw new AssertionError("unknown corpus group " + group);
                    }
                }));
    }

    private static LocalPipeline pipeline() {
        if (pipeline == null) {
            pipeline = LocalPipeline.offline(
                    SamTemplate.read(ProjectFiles.template()),
                    new LocalLake(lakeDir),
                    new LocalSparkJob(System.getProperty("java.class.path"), null));
        }
        return pipeline;
    }

    /** Lands the object the event names (unless it is the one meant to be gone), then validates. */
    private static void landing(Path file) throws IOException {
        byte[] event = Files.readAllBytes(file);
        Path landed = land(event, file.getFileName().toString());
        try {
            JsonNode report = JSON.readTree(pipeline().functions().invoke("ValidateFunction", event));
            for (JsonNode outcome : report.path("files")) {
                String kind = outcome.path("outcome").asText();
                assertThat(kind).isIn("QUARANTINED", "ACCEPTED", "QUEUED", "MISSING");
                if (kind.equals("MISSING")) {
                    assertThat(landed)
                            .as("only an object that never landed is missing")
                            .isNull();
                }
                if (kind.equals("QUEUED")) {
                    assertThat(queuedKeys())
                            .as("a queued file waits on the intake queue for its batch")
                            .contains(outcome.path("key").asText());
                }
                if (kind.equals("QUARANTINED")) {
                    assertThat(outcome.path("message").asText()).isNotBlank();
                    assertThat(reasonFile(outcome.path("reasonUri").asText())).isRegularFile();
                }
            }
            String name = file.getFileName().toString();
            if (name.startsWith("file-") || QUARANTINED_KEYS.contains(name)) {
                assertThat(report.path("files").path(0).path("outcome").asText())
                        .isEqualTo("QUARANTINED");
            }
        } catch (StatesError error) {
            typed(error);
            assertThat(landed)
                    .as("an event naming a landed object is never refused as a whole")
                    .isNull();
        }
    }

    /** The keys of the files waiting on the lake's intake queue. */
    private static List<String> queuedKeys() throws IOException {
        try (Stream<Path> messages = Files.list(lakeDir.resolve("_queues/intake"))) {
            return messages.map(message ->
                            QueuedFileJson.read(readBytes(message)).source().key())
                    .toList();
        }
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void manual(Path file) throws IOException {
        Execution execution = pipeline()
                .execute("bad-" + file.getFileName().toString().replace(".json", ""), JSON.readTree(file.toFile()));

        assertThat(execution.status()).isEqualTo("FAILED");
        assertThat(execution.error()).isEqualTo("InvalidInput");
        assertThat(execution.cause()).isNotBlank().doesNotContain("\tat ");
        assertThat(execution.statesEntered()).as("nothing is submitted").doesNotContain("SubmitJob", "CreateCluster");
    }

    private static void function(String logicalId, Path file) throws IOException {
        byte[] event = Files.readAllBytes(file);
        try {
            pipeline().functions().invoke(logicalId, event);
            throw new AssertionError(logicalId + " accepted " + file.getFileName());
        } catch (StatesError error) {
            typed(error);
        }
    }

    private static void typed(StatesError error) throws IOException {
        assertThat(error.error()).as(error.cause()).startsWith(TYPED);
        String message = JSON.readTree(error.cause()).path("errorMessage").asText();
        assertThat(message).isNotBlank().doesNotContain("\tat ").doesNotContain("Exception");
    }

    /** Puts a file where the event's first object would be; null when it cannot or must not exist. */
    private static Path land(byte[] event, String name) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(event);
        } catch (IOException notJson) {
            return null;
        }
        JsonNode object = root.path("Records").path(0).path("s3").path("object");
        if (!object.path("key").isTextual()
                || name.equals("object-gone.json")
                || !root.path("Records").path(0).path("eventTime").asText().startsWith("2026")) {
            return null;
        }
        String key;
        try {
            // Strictly: bytes that are not UTF-8 make no S3 key, so no such object can have landed.
            byte[] bytes = URLDecoder.decode(
                            object.path("key").asText().replace("+", "%20"), StandardCharsets.ISO_8859_1)
                    .getBytes(StandardCharsets.ISO_8859_1);
            key = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException notAKey) {
            return null;
        }
        String base = key.substring(key.lastIndexOf('/') + 1);
        Path content = ProjectFiles.root().resolve("events/data/bad").resolve(base);
        Path target = new LocalLake(lakeDir).file(BUCKETS.landing(), key);
        Files.createDirectories(target.getParent());
        Files.copy(
                Files.isRegularFile(content) ? content : ProjectFiles.root().resolve("events/data/orders.csv"),
                target,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static Path reasonFile(String s3Uri) {
        String path = s3Uri.substring("s3://".length());
        int slash = path.indexOf('/');
        return new LocalLake(lakeDir).file(path.substring(0, slash), path.substring(slash + 1));
    }
}

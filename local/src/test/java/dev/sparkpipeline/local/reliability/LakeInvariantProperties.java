package dev.sparkpipeline.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.cli.CliRun;
import dev.sparkpipeline.local.lake.AwkwardKeyNames;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.template.BucketNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;

/**
 * The lake invariant through the real pipeline offline ({@code drop}: the validate function, the
 * state machine on the interpreter, the curate job on local Spark, publishing): whatever the keys
 * (glob characters, spaces, Unicode, {@code %}, {@code +}, colons, up to 1,024 bytes) and however
 * they collide (the same key dropped again with the same bytes or with others, good files and bad),
 * every object ends in exactly one place with its own bytes and reason, every drop exits as its
 * file deserves, and each curated run names its own source. The orders dataset is batched, so every
 * good file runs as a batch: of one when dropped alone, of several when a folder of them lands in
 * one drop. Each try is a few real runs, so the tries are few and shrinking is off: a failure prints
 * its seed to replay.
 */
class LakeInvariantProperties {

    private static final BucketNames BUCKETS = ProjectFiles.buckets();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = read(ProjectFiles.root().resolve("events/data/orders.csv"));
    private static final String BAD = read(ProjectFiles.root().resolve("events/data/bad/orders-missing-columns.csv"));

    /** One drop: which of the try's keys, and which content. */
    record Drop(int keyIndex, Content content) {}

    /** Two good files and two bad ones, each different in its bytes. */
    enum Content {
        GOOD_A,
        GOOD_B,
        BAD_A,
        BAD_B;

        String text() {
            return switch (this) {
                case GOOD_A -> GOOD;
                case GOOD_B -> GOOD.replace("o-100", "o-200");
                case BAD_A -> BAD;
                case BAD_B -> BAD.replace("o-1", "o-2");
            };
        }

        boolean good() {
            return this == GOOD_A || this == GOOD_B;
        }
    }

    @Property(tries = 3, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void everyDroppedObjectEndsInExactlyOnePlaceWithItsOwnBytes(
            @ForAll("keys") List<String> keys, @ForAll("drops") List<Drop> drops) throws IOException {
        dropAll(keys, drops, lake -> {});
    }

    @Property(tries = 2, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void aFolderOfGoodAndBadFilesDroppedAtOnceEndsEachInExactlyOnePlace(@ForAll("folders") Map<String, Content> folder)
            throws IOException {
        Path work = Files.createTempDirectory("lake-invariant-folder");
        try {
            Path lake = work.resolve("lake");
            Path in = Files.createDirectories(work.resolve("in"));
            for (Map.Entry<String, Content> file : folder.entrySet()) {
                Files.writeString(
                        in.resolve(file.getKey() + ".csv"), file.getValue().text());
            }
            boolean allGood = folder.values().stream().allMatch(Content::good);

            CliRun run = CliRun.of("drop", in.toString(), "--dataset", "orders", "--lake", lake.toString(), "--json");

            JsonNode result = JSON.readTree(run.out());
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(allGood ? 0 : 1);
            assertThat(result.path("files")).hasSize(folder.size()).allSatisfy(file -> {
                Content content = folder.get(Path.of(file.path("file").asText())
                        .getFileName()
                        .toString()
                        .replaceFirst("\\.csv$", ""));
                assertThat(file.path("status").asText())
                        .as(file.toString())
                        .isEqualTo(content.good() ? "CURATED" : "QUARANTINED");
            });
            assertThat(result.path("executions"))
                    .as("the good files run as one batch")
                    .hasSizeLessThanOrEqualTo(1);
            LakeInvariant.assertEveryLandedObjectHasOneFate(lake);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    /** The hardest fixed case: a 1,024-byte key full of pattern characters, curated, overwritten by a bad file, dropped again, then replaced by another good file. */
    @Example
    void aFullLengthKeyOverwrittenAndDroppedAgainKeepsEveryObjectInOnePlace() throws IOException {
        String key = toKeyLimit("orders *?[x]{a,b} 2026-11-22T08:00:00 é%25+ " + "日😀".repeat(400));
        assertThat(key.getBytes(StandardCharsets.UTF_8).length).isBetween(1020, 1024);

        dropAll(
                List.of(key),
                List.of(
                        new Drop(0, Content.GOOD_A),
                        new Drop(0, Content.BAD_A),
                        new Drop(0, Content.GOOD_A),
                        new Drop(0, Content.GOOD_B)),
                lake -> {
                    List<String> archived = new ArrayList<>();
                    try (Stream<Path> files = Files.walk(lake.resolve("curated-bucket/_processed"))) {
                        // By key: the lake splits a long key's file name into folders, so the file's own name may not
                        // show its suffix.
                        files.filter(Files::isRegularFile)
                                .filter(file -> !new LocalLake(lake)
                                        .key(BUCKETS.curated(), file)
                                        .endsWith(".reason.json"))
                                .forEach(file -> archived.add(read(file)));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    assertThat(archived)
                            .as("both good files, each archived with its own bytes")
                            .containsExactlyInAnyOrder(Content.GOOD_A.text(), Content.GOOD_B.text());
                });
    }

    /**
     * A seed CI found: {@code %25} form-decodes to {@code %}, so the event for the good file's key
     * also reads as the bad file's key, and both name objects; the good file is the one announced.
     */
    @Example
    void aKeyThatDecodesToAnotherLandedKeyIsValidatedAsItself() throws IOException {
        dropAll(
                List.of("orders/2026/11/22/%#.csv", "orders/2026/11/22/%25#.csv"),
                List.of(new Drop(0, Content.BAD_A), new Drop(1, Content.GOOD_A), new Drop(1, Content.BAD_A)),
                lake -> {});
    }

    private static void dropAll(List<String> keys, List<Drop> drops, java.util.function.Consumer<Path> afterwards)
            throws IOException {
        Path work = Files.createTempDirectory("lake-invariant");
        try {
            Path lake = work.resolve("lake");
            List<String> ran = new ArrayList<>();
            for (int i = 0; i < drops.size(); i++) {
                Drop drop = drops.get(i);
                String key = keys.get(drop.keyIndex() % keys.size());
                Path file = Files.writeString(
                        work.resolve("drop-" + i + ".csv"), drop.content().text());

                CliRun run = CliRun.of("drop", file.toString(), "--key", key, "--lake", lake.toString(), "--json");

                JsonNode result = JSON.readTree(run.out());
                assertThat(run.exitCode())
                        .as("exit of %s as %s: %s %s", drop.content(), key, run.out(), run.err())
                        .isEqualTo(drop.content().good() ? 0 : 1);
                if (result.has("duplicateOf")) {
                    // A re-drop of the same bytes under the same key: the earlier execution, reported as it ended.
                    assertThat(ran)
                            .as("a duplicate names an execution that ran")
                            .contains(result.path("duplicateOf")
                                    .path("executionName")
                                    .asText());
                    assertThat(result.path("duplicateOf").path("status").asText())
                            .isEqualTo("SUCCEEDED");
                    assertThat(result.path("states").findValuesAsText("name")).containsExactly("ValidateFunction");
                }
                if (drop.content().good() && !result.has("duplicateOf")) {
                    String name = result.path("executionName").asText();
                    ran.add(name);
                    JsonNode manifest = JSON.readTree(lake.resolve("curated-bucket/orders/_manifests")
                            .resolve(name + ".json")
                            .toFile());
                    assertThat(manifest.path("sources").findValuesAsText("uri"))
                            .as("the batch's one member, where the job read it")
                            .containsExactly(new LocalLake(lake).jobPath(BUCKETS.landing(), key));
                    assertThat(manifest.path("rows").path("out").asLong()).isEqualTo(4);
                }
            }
            LakeInvariant.assertEveryLandedObjectHasOneFate(lake);
            assertThat(ran).as("each good object version ran once").doesNotHaveDuplicates();
            afterwards.accept(lake);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    /** One or two keys under the orders prefix, each a name people or programs would give a file. */
    @Provide
    Arbitrary<List<String>> keys() {
        Arbitrary<String> name = AwkwardKeyNames.names("=");
        // A key of S3's full 1,024 bytes: longer than any file name may be.
        Arbitrary<String> longest = Arbitraries.of("a", "é", "%", "+", "😀", "日")
                .list()
                .ofMinSize(300)
                .ofMaxSize(600)
                .map(pieces -> String.join("", pieces))
                .map(LakeInvariantProperties::toKeyLimit);
        Arbitrary<String> key = Arbitraries.frequencyOf(
                Tuple.of(4, name.map(text -> "orders/2026/11/22/" + text + ".csv")), Tuple.of(1, longest));
        return key.list().ofMinSize(1).ofMaxSize(2);
    }

    /** Two to four files of distinct names, good and bad. */
    @Provide
    Arbitrary<Map<String, Content>> folders() {
        return AwkwardKeyNames.names("=")
                .filter(name -> !name.startsWith("."))
                .map(name -> "orders " + name)
                .set()
                .ofMinSize(2)
                .ofMaxSize(4)
                .flatMap(names -> Arbitraries.of(Content.class)
                        .list()
                        .ofSize(names.size())
                        .map(contents -> {
                            Map<String, Content> folder = new TreeMap<>();
                            List<String> ordered = new ArrayList<>(names);
                            for (int i = 0; i < ordered.size(); i++) {
                                folder.put(ordered.get(i), contents.get(i));
                            }
                            return folder;
                        }));
    }

    /** Two or three drops; one good file a try at most (dropped again, it is a duplicate), as each is a Spark run. */
    @Provide
    Arbitrary<List<Drop>> drops() {
        Arbitrary<Drop> drop = Combinators.combine(Arbitraries.integers().between(0, 1), Arbitraries.of(Content.class))
                .as(Drop::new);
        return drop.list()
                .ofMinSize(2)
                .ofMaxSize(3)
                .filter(list -> list.stream()
                                .filter(d -> d.content().good())
                                .map(d -> d.keyIndex() + ":" + d.content())
                                .distinct()
                                .count()
                        <= 1);
    }

    /** {@code orders/2026/11/22/<text>} cut to at most 1,024 bytes, between code points, ending in {@code .csv}. */
    private static String toKeyLimit(String text) {
        String prefix = "orders/2026/11/22/";
        StringBuilder key = new StringBuilder(prefix);
        int budget = 1024 - ".csv".length();
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            String next = new String(Character.toChars(codePoint));
            if (key.toString().getBytes(StandardCharsets.UTF_8).length + next.getBytes(StandardCharsets.UTF_8).length
                    > budget) {
                break;
            }
            key.append(next);
            i += Character.charCount(codePoint);
        }
        return key.append(".csv").toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

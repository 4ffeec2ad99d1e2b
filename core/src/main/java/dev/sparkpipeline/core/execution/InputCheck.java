package dev.sparkpipeline.core.execution;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.profile.EmrClusterRequest;
import dev.sparkpipeline.core.engine.CurateJobCall;
import dev.sparkpipeline.core.engine.EngineDescriptions;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.intake.BatchManifest;
import dev.sparkpipeline.core.intake.BatchManifests;
import dev.sparkpipeline.core.json.BatchManifestJson;
import dev.sparkpipeline.core.json.ExecutionInputJson;
import dev.sparkpipeline.core.json.JsonObject;
import dev.sparkpipeline.core.storage.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a run needs, checked before any cluster or job starts: the input reads as the
 * contract says ({@code job} an object, its arguments strings), the dataset exists, names are
 * within bounds, no job argument takes over one the pipeline or the engine owns, the source is
 * in the landing bucket, and the input leaves room for what later states add. The answer is a
 * verdict, never an exception, so the state machine reads it without a Lambda error envelope.
 *
 * @param landingBucket the only bucket a run's landed file may be in (the functions may read no other)
 * @param curatedBucket the bucket of batch manifests ({@code _batches/}), a batch run's source
 */
public record InputCheck(ObjectStore store, DatasetCatalog catalog, String landingBucket, String curatedBucket) {

    /**
     * The largest execution state a run accepts, in bytes of JSON: Step Functions refuses a state
     * over 262,144 bytes, and the states after this one add the job's handle and status (about
     * 2 KB), a caught error's cause (up to 32,768 characters) and the publication summary.
     */
    public static final int INPUT_BUDGET_BYTES = 64 * 1024;
    /** The longest dataset name a configuration may hold, with room to spare. */
    public static final int MAX_NAME_LENGTH = 128;
    /** S3's limit on a key. */
    public static final int MAX_KEY_BYTES = 1024;
    /** The most job arguments, and the longest name and value of one. */
    public static final int MAX_ARGUMENTS = 50;

    public static final int MAX_ARGUMENT_LENGTH = 4096;

    /**
     * The problem with this execution state, naming the field, or empty when the run may start.
     *
     * @param state      the execution state, as the state machine sends it
     * @param stateBytes its size in bytes of JSON
     */
    public Optional<String> problem(JsonObject state, int stateBytes) {
        if (stateBytes > INPUT_BUDGET_BYTES) {
            return Optional.of("the execution input is " + stateBytes + " bytes; at most " + INPUT_BUDGET_BYTES
                    + " are accepted, to leave room under Step Functions' 262,144 for what the run adds");
        }
        ExecutionInput input;
        try {
            input = ExecutionInputJson.read(state);
        } catch (InvalidInput malformed) {
            return Optional.of(malformed.getMessage());
        }
        if (input.dataset().length() > MAX_NAME_LENGTH) {
            return Optional.of("dataset is " + input.dataset().length() + " characters; no dataset name is longer than "
                    + MAX_NAME_LENGTH);
        }
        if (catalog.named(input.dataset()).isEmpty()) {
            return Optional.of("dataset " + input.dataset() + " is not in the datasets configuration");
        }
        if (input.isBatch()) {
            return batchProblem(input);
        }
        if (!input.source().bucket().equals(landingBucket)) {
            return Optional.of("source.bucket must be the landing bucket " + landingBucket + ", not "
                    + clip(input.source().bucket()));
        }
        int keyBytes = input.source().key().getBytes(StandardCharsets.UTF_8).length;
        if (keyBytes == 0 || keyBytes > MAX_KEY_BYTES) {
            return Optional.of("source.key is " + keyBytes + " bytes; an S3 key has 1 to " + MAX_KEY_BYTES);
        }
        Optional<String> arguments = argumentsProblem(input.job().arguments());
        if (arguments.isPresent()) {
            return arguments;
        }
        if (store.head(
                        input.source().bucket(),
                        input.source().key(),
                        input.source().versionId())
                .isEmpty()) {
            return Optional.of("source " + clip(input.source().uri())
                    + (input.source().versionId() == null
                            ? ""
                            : " version " + clip(input.source().versionId()))
                    + " is not in the landing bucket: it never landed, or is gone");
        }
        return Optional.empty();
    }

    /**
     * The verdict the state machine reads: {@code valid}, with {@code cause} when not; for a valid run
     * on a transient EMR cluster, also {@code cluster}: the RunJobFlow fields the dataset's EMR profile
     * owns ({@link EmrClusterRequest}), which {@code CreateCluster} reads.
     */
    public Map<String, Object> verdict(JsonObject state, int stateBytes) {
        Optional<String> problem = problem(state, stateBytes);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("valid", problem.isEmpty());
        problem.ifPresent(cause -> answer.put("cause", cause));
        if (problem.isEmpty()) {
            ExecutionInput input = ExecutionInputJson.read(state);
            if (EngineDescriptions.of(input.engine()).runsOnCluster()
                    && input.job().clusterId() == null) {
                catalog.named(input.dataset())
                        .ifPresent(spec -> answer.put(
                                "cluster", EmrClusterRequest.of(spec.profiles().emr())));
            }
        }
        return answer;
    }

    /** A batch run's source is its manifest, where the batcher wrote it, listing what the input says. */
    private Optional<String> batchProblem(ExecutionInput input) {
        String expected = BatchManifest.key(input.dataset(), input.batch().id());
        if (!input.source().bucket().equals(curatedBucket)
                || !input.source().key().equals(expected)) {
            return Optional.of("a batch's source must be its manifest s3://" + curatedBucket + "/" + clip(expected)
                    + ", not " + clip(input.source().uri()));
        }
        Optional<String> arguments = argumentsProblem(input.job().arguments());
        if (arguments.isPresent()) {
            return arguments;
        }
        Optional<byte[]> json = store.readRange(
                curatedBucket, expected, input.source().versionId(), 0, BatchManifests.MAX_MANIFEST_BYTES);
        if (json.isEmpty()) {
            return Optional.of("batch manifest " + clip(input.source().uri()) + " is not there: the batcher did not "
                    + "write it, or it expired");
        }
        BatchManifest manifest;
        try {
            manifest = BatchManifestJson.read(json.get());
        } catch (InvalidInput malformed) {
            return Optional.of("batch manifest " + clip(input.source().uri()) + ": " + malformed.getMessage());
        }
        if (!manifest.dataset().equals(input.dataset())
                || manifest.files().size() != input.batch().files()) {
            return Optional.of("batch manifest " + clip(input.source().uri()) + " lists "
                    + manifest.files().size()
                    + " files of dataset " + clip(manifest.dataset()) + ", not the input's "
                    + input.batch().files()
                    + " of " + clip(input.dataset()));
        }
        return Optional.empty();
    }

    private static Optional<String> argumentsProblem(Map<String, String> arguments) {
        if (arguments.size() > MAX_ARGUMENTS) {
            return Optional.of("job.arguments has " + arguments.size() + " entries; at most " + MAX_ARGUMENTS);
        }
        for (Map.Entry<String, String> argument : arguments.entrySet()) {
            if (argument.getKey().isEmpty()
                    || argument.getKey().length() > MAX_ARGUMENT_LENGTH
                    || argument.getValue().length() > MAX_ARGUMENT_LENGTH) {
                return Optional.of("job.arguments." + clip(argument.getKey()) + ": names and values are 1 to "
                        + MAX_ARGUMENT_LENGTH + " characters");
            }
        }
        try {
            new CurateJobCall("input", "output", "dataset", "run", arguments);
        } catch (InvalidInput reserved) {
            return Optional.of(reserved.getMessage());
        }
        return Optional.empty();
    }

    /** A value quoted back in a message, cut so a hostile input cannot make the cause huge. */
    private static String clip(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200) + "... (" + value.length() + " characters)";
    }
}

package dev.sparkpipeline.core.engine;

import dev.sparkpipeline.core.error.InvalidInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How every engine calls the curate job: the same main class and the same arguments
 * ({@code --input} for one landed file or {@code --batch} for a batch's manifest, then {@code --output
 * --dataset --run-id}, the table write's {@code --table --source-version
 * --source-etag --landed-at --compact-every --snapshot-retention-days}, then the execution's extra
 * arguments).
 *
 * @param input   the landed file's URI, or the batch manifest's
 * @param output  the dataset's curated root (the table's location)
 * @param dataset the dataset
 * @param runId   the run id (the execution name)
 * @param write   the table the run commits to and the source version it commits
 * @param extra   extra {@code --name value} arguments from the execution input
 * @param batch   true when {@code input} is a batch manifest, which lists the landed files to read
 */
public record CurateJobCall(
        String input,
        String output,
        String dataset,
        String runId,
        TableWrite write,
        Map<String, String> extra,
        boolean batch) {

    /** The curate job's entry point, in {@code jobs/curate}. */
    public static final String MAIN_CLASS = "dev.sparkpipeline.curate.CurateJob";

    /** The pipeline's own arguments: what the job reads for its input, output, run and configuration. */
    public static final Set<String> RESERVED = Set.of(
            "input",
            "batch",
            "output",
            "dataset",
            "run-id",
            "datasets-config",
            "table",
            "source-version",
            "source-etag",
            "landed-at",
            "compact-every",
            "snapshot-retention-days",
            "pipeline-job-class");
    /**
     * Names an engine reads as its own settings (Glue's special job parameters: {@code --extra-jars},
     * {@code --conf}, {@code --enable-...}): an extra argument so named would change what runs.
     */
    private static final List<String> ENGINE_SETTINGS = List.of(
            "conf",
            "class",
            "job-",
            "job_",
            "extra-",
            "user-jars-first",
            "script-location",
            "tempdir",
            "datalake-formats",
            "enable-",
            "additional-python-modules",
            "python-modules-installer-option",
            "spark-event-logs-path",
            "encryption-type",
            "continuous-log-",
            "executor-cores",
            "auto-scale");

    public CurateJobCall {
        write = write == null ? TableWrite.to(dataset) : write;
        extra = extra == null ? Map.of() : new TreeMap<>(extra);
        for (String given : extra.keySet()) {
            String name = given.replaceFirst("^--", "").toLowerCase(Locale.ROOT);
            if (RESERVED.contains(name) || ENGINE_SETTINGS.stream().anyMatch(name::startsWith)) {
                throw new InvalidInput(
                        "job.arguments." + given + " is reserved: the pipeline sets the job's input, output, "
                                + "dataset, run id and configuration, and the engine's own settings are not job arguments");
            }
        }
    }

    /** A call of one landed file. */
    public CurateJobCall(
            String input, String output, String dataset, String runId, TableWrite write, Map<String, String> extra) {
        this(input, output, dataset, runId, write, extra, false);
    }

    /** A call of an unidentified source into the dataset's own table: for tests and hand-made calls. */
    public CurateJobCall(String input, String output, String dataset, String runId, Map<String, String> extra) {
        this(input, output, dataset, runId, TableWrite.to(dataset), extra, false);
    }

    /**
     * The call for a request, committing to the dataset's table in {@code catalog} at
     * {@code s3://<curatedBucket>/<dataset>}.
     */
    public static CurateJobCall of(
            JobRequest request, String curatedBucket, IcebergCatalog catalog, TableUpkeep upkeep) {
        String dataset = request.input().dataset();
        return new CurateJobCall(
                request.input().source().uri(),
                "s3://" + curatedBucket + "/" + dataset,
                dataset,
                request.executionName(),
                TableWrite.of(catalog.table(dataset), request.input().source(), upkeep),
                request.input().job().arguments(),
                request.input().isBatch());
    }

    /** The same call reading and writing other locations (the local runner's files for the engines' URIs). */
    public CurateJobCall at(String otherInput, String otherOutput) {
        return new CurateJobCall(otherInput, otherOutput, dataset, runId, write, extra, batch);
    }

    /** The arguments as a list: {@code --input URI --output URI ...} ({@code --batch URI} for a batch). */
    public List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of(
                batch ? "--batch" : "--input", input, "--output", output, "--dataset", dataset, "--run-id", runId));
        arguments.addAll(List.of("--table", write.table()));
        if (write.sourceVersion() != null) {
            arguments.addAll(List.of("--source-version", write.sourceVersion()));
        }
        if (write.sourceEtag() != null) {
            arguments.addAll(List.of("--source-etag", write.sourceEtag()));
        }
        if (write.landedAt() != null) {
            arguments.addAll(List.of("--landed-at", write.landedAt().toString()));
        }
        arguments.addAll(List.of(
                "--compact-every",
                Integer.toString(write.upkeep().compactEveryCommits()),
                "--snapshot-retention-days",
                Integer.toString(write.upkeep().snapshotRetentionDays())));
        extra.forEach((name, value) -> {
            arguments.add("--" + name.replaceFirst("^--", ""));
            arguments.add(value);
        });
        return arguments;
    }

    /**
     * The arguments, then {@code --datasets-config URI}: the job reads that file instead of the
     * datasets bundled into it (the local runner's {@code --config}).
     */
    public List<String> arguments(String datasetsConfig) {
        List<String> arguments = arguments();
        arguments.addAll(List.of("--datasets-config", datasetsConfig));
        return arguments;
    }

    /** The arguments as Glue takes them: a map of {@code --name} to value. */
    public Map<String, String> argumentMap() {
        Map<String, String> map = new TreeMap<>();
        List<String> list = arguments();
        for (int i = 0; i + 1 < list.size(); i += 2) {
            map.put(list.get(i), list.get(i + 1));
        }
        return map;
    }
}

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
 * ({@code --input --output --dataset --run-id}, then the execution's extra arguments).
 *
 * @param input   the landed file's URI
 * @param output  the dataset's curated root
 * @param dataset the dataset
 * @param runId   the run id (the execution name)
 * @param extra   extra {@code --name value} arguments from the execution input
 */
public record CurateJobCall(String input, String output, String dataset, String runId, Map<String, String> extra) {

    /** The curate job's entry point, in {@code jobs/curate}. */
    public static final String MAIN_CLASS = "dev.sparkpipeline.curate.CurateJob";

    /** The pipeline's own arguments: what the job reads for its input, output, run and configuration. */
    public static final Set<String> RESERVED = Set.of("input", "output", "dataset", "run-id", "datasets-config");
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

    /** The call for a request, writing to {@code s3://<curatedBucket>/<dataset>}. */
    public static CurateJobCall of(JobRequest request, String curatedBucket) {
        return new CurateJobCall(
                request.input().source().uri(),
                "s3://" + curatedBucket + "/" + request.input().dataset(),
                request.input().dataset(),
                request.executionName(),
                request.input().job().arguments());
    }

    /** The arguments as a list: {@code --input URI --output URI ...}. */
    public List<String> arguments() {
        List<String> arguments =
                new ArrayList<>(List.of("--input", input, "--output", output, "--dataset", dataset, "--run-id", runId));
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

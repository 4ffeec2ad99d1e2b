package dev.sparkpipeline.curate;

import dev.sparkpipeline.core.engine.CurateJobCall;
import java.util.HashMap;
import java.util.Map;

/**
 * The curate job's arguments, the same on every engine:
 * {@code --input URI --output URI --dataset NAME --run-id ID [--datasets-config URI]}.
 *
 * @param input          the landed file ({@code s3://} on the engines, {@code file://} locally)
 * @param output         the dataset's curated root
 * @param dataset        the dataset name in config/datasets.json
 * @param runId          the run (execution name), stamped on every row and file
 * @param datasetsConfig a config file to read instead of the bundled one (the local runner's {@code --config}), or null
 */
public record JobArguments(String input, String output, String dataset, String runId, String datasetsConfig) {

    public JobArguments(String input, String output, String dataset, String runId) {
        this(input, output, dataset, runId, null);
    }

    /** Parses {@code --name value} pairs; Glue passes its own extra arguments, which are ignored. */
    public static JobArguments parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                String name = args[i].substring(2);
                if (values.put(name, args[++i]) != null && CurateJobCall.RESERVED.contains(name)) {
                    throw new IllegalArgumentException(
                            "--" + name + " is given twice: the pipeline's own arguments cannot be replaced");
                }
            }
        }
        return new JobArguments(
                required(values, "input"),
                required(values, "output"),
                required(values, "dataset"),
                required(values, "run-id"),
                values.get("datasets-config"));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "missing --" + name + " (usage: --input URI --output URI --dataset NAME --run-id ID)");
        }
        return value;
    }
}

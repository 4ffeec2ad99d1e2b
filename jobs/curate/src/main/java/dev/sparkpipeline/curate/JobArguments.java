package dev.sparkpipeline.curate;

import java.util.HashMap;
import java.util.Map;

/**
 * The curate job's arguments, the same on every engine:
 * {@code --input URI --output URI --dataset NAME --run-id ID}.
 *
 * @param input   the landed file ({@code s3://} on the engines, {@code file://} locally)
 * @param output  the dataset's curated root
 * @param dataset the dataset name in config/datasets.json
 * @param runId   the pipeline run (execution name), stamped on every row and file
 */
public record JobArguments(String input, String output, String dataset, String runId) {

    /** Parses {@code --name value} pairs; Glue passes its own extra arguments, which are ignored. */
    public static JobArguments parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(args[i].substring(2), args[++i]);
            }
        }
        return new JobArguments(required(values, "input"), required(values, "output"),
                required(values, "dataset"), required(values, "run-id"));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing --" + name + " (usage: --input URI --output URI --dataset NAME --run-id ID)");
        }
        return value;
    }
}

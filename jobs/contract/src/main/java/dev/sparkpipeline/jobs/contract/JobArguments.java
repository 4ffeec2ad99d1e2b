package dev.sparkpipeline.jobs.contract;

import dev.sparkpipeline.core.engine.CurateJobCall;
import dev.sparkpipeline.core.engine.IcebergCatalog;
import dev.sparkpipeline.core.engine.TableUpkeep;
import dev.sparkpipeline.core.engine.TableWrite;
import dev.sparkpipeline.core.outcome.Manifest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The job contract's arguments, the same on every engine and for every job, the curate job's and
 * a dataset's own ({@link CurateJobCall} writes them; docs/job-contract.md):
 * {@code (--input URI | --batch URI) --output URI --dataset NAME --run-id ID --table NAME
 * [--source-version V] [--source-etag E] [--landed-at ISO] [--compact-every N]
 * [--snapshot-retention-days D] [--datasets-config URI]}. Exactly one of {@code --input} (one landed
 * file) and {@code --batch} (a batch manifest, which lists the landed files) is given.
 *
 * @param input          the landed file, or the batch manifest when {@code batch} ({@code s3://} on the
 *                       engines, {@code file://} locally)
 * @param output         the dataset's curated root: the table's location, with the run documents beside its data
 * @param dataset        the dataset name in config/datasets.json
 * @param runId          the run (execution name), stamped on every row and file
 * @param write          the table and the source version the run commits
 * @param datasetsConfig a config file to read instead of the bundled one (the local runner's {@code --config}), or null
 * @param batch          true when {@code input} is a batch manifest ({@code --batch}); its version and ETag are the
 *                       table write's source version
 */
public record JobArguments(
        String input,
        String output,
        String dataset,
        String runId,
        TableWrite write,
        String datasetsConfig,
        boolean batch) {

    private static final String USAGE = "usage: (--input URI | --batch URI) --output URI --dataset NAME --run-id ID";

    /** A run of one landed file. */
    public JobArguments(
            String input, String output, String dataset, String runId, TableWrite write, String datasetsConfig) {
        this(input, output, dataset, runId, write, datasetsConfig, false);
    }

    /** A run of an unidentified source into the dataset's own table: for tests. */
    public JobArguments(String input, String output, String dataset, String runId) {
        this(input, output, dataset, runId, TableWrite.to(dataset), null);
    }

    /**
     * The arguments that are not the contract's, in their order: a job's own ({@code job.arguments}
     * in config/datasets.json, an execution's {@code job.arguments}), and on Glue Glue's own.
     */
    public static List<String> others(String[] args) {
        List<String> others = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            boolean pair = args[i].startsWith("--") && i + 1 < args.length && !args[i + 1].startsWith("--");
            if (pair && CurateJobCall.RESERVED.contains(args[i].substring(2))) {
                i++;
            } else {
                others.add(args[i]);
            }
        }
        return others;
    }

    /** The table as Spark names it: {@code lake.<table>} (the catalog the engines configure, {@link IcebergCatalog}). */
    public String qualifiedTable() {
        return IcebergCatalog.NAME + "." + write.table();
    }

    /** Where the run's manifest goes, which Publish reads: {@code <output>/_manifests/<run id>.json}. */
    public String manifestLocation() {
        return output + "/" + Manifest.relativePath(runId);
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
        String dataset = required(values, "dataset");
        TableUpkeep upkeep = new TableUpkeep(
                number(values, "compact-every", TableUpkeep.DEFAULT.compactEveryCommits()),
                number(values, "snapshot-retention-days", TableUpkeep.DEFAULT.snapshotRetentionDays()));
        TableWrite write = new TableWrite(
                values.getOrDefault("table", dataset),
                values.get("source-version"),
                values.get("source-etag"),
                instant(values.get("landed-at")),
                upkeep);
        boolean batch = values.containsKey("batch");
        if (batch == values.containsKey("input")) {
            throw new IllegalArgumentException(
                    (batch ? "both --input and --batch are given" : "missing --input or --batch")
                            + ": a run reads one landed file or one batch (" + USAGE + ")");
        }
        return new JobArguments(
                required(values, batch ? "batch" : "input"),
                required(values, "output"),
                dataset,
                required(values, "run-id"),
                write,
                values.get("datasets-config"),
                batch);
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing --" + name + " (" + USAGE + ")");
        }
        return value;
    }

    private static int number(Map<String, String> values, String name, int otherwise) {
        String value = values.get(name);
        try {
            return value == null ? otherwise : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not " + value, e);
        }
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--landed-at must be an ISO-8601 instant, not " + value, e);
        }
    }
}

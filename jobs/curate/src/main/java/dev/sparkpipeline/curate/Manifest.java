package dev.sparkpipeline.curate;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run wrote: {@code <output>/_manifests/<runId>.json}, the last file a run writes.
 *
 * @param dataset    dataset name
 * @param runId      the run
 * @param source     the landed file
 * @param rowsIn     rows read
 * @param rowsOut    rows written (after rejects and duplicates)
 * @param rejected   rows that failed the schema
 * @param duplicates rows dropped as duplicates
 * @param schema     column name to Spark SQL type
 * @param partitions partition paths written, relative to the output
 * @param files      data files written, relative to the output
 */
public record Manifest(
        String dataset, String runId, String source, long rowsIn, long rowsOut, long rejected, long duplicates,
        Map<String, String> schema, List<String> partitions, List<String> files) {

    /** The marker of the manifest line in the job's output, which the local engine reads. */
    public static final String LOG_PREFIX = "CURATE_MANIFEST ";

    public String toJson() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("dataset", dataset);
        document.put("runId", runId);
        document.put("source", source);
        document.put("rows", Map.of("in", rowsIn, "out", rowsOut, "rejected", rejected, "duplicates", duplicates));
        document.put("schema", schema);
        document.put("partitions", partitions);
        document.put("files", files);
        try {
            return JSON.std.asString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

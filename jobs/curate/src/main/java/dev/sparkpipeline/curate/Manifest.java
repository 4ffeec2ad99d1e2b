package dev.sparkpipeline.curate;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run wrote: {@code <output>/_manifests/<runId>.json}, the last file a run writes.
 *
 * @param dataset      dataset name
 * @param runId        the run
 * @param source       the landed file
 * @param rowsIn       rows read
 * @param rowsOut      rows written (after rejects and duplicates)
 * @param rejected     rows that failed the schema
 * @param duplicates   rows dropped as duplicates
 * @param schema       column name to Spark SQL type
 * @param partitions   partition paths written, relative to the output
 * @param files        data files written, relative to the output
 * @param rejects      rejected rows by column and rule, most frequent first
 * @param errors       where the rejected rows are ({@code <output>/_errors/run_id=<run>/}), or null when none are
 * @param extraPolicy  the dataset's {@code extraColumns} policy: drop, keep or reject
 * @param extraColumns the source columns the dataset does not declare (dropped or kept by that policy)
 * @param dedupe       how duplicates were found: key, rows or none
 */
public record Manifest(
        String dataset, String runId, String source, long rowsIn, long rowsOut, long rejected, long duplicates,
        Map<String, String> schema, List<String> partitions, List<String> files, List<RejectCount> rejects, String errors,
        String extraPolicy, List<String> extraColumns, String dedupe) {

    /** The marker of the manifest line in the job's output, which the local engine reads. */
    public static final String LOG_PREFIX = "CURATE_MANIFEST ";

    /**
     * How many rejected rows broke one rule in one column.
     *
     * @param column the column, or null for a rule about the whole record (field count, malformed JSON)
     * @param rule   the rule's id ({@code not_a_date})
     * @param count  rows
     */
    public record RejectCount(String column, String rule, long count) {
    }

    public String toJson() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("dataset", dataset);
        document.put("runId", runId);
        document.put("source", source);
        document.put("rows", Map.of("in", rowsIn, "out", rowsOut, "rejected", rejected, "duplicates", duplicates));
        document.put("rejects", rejectList(rejects));
        if (errors != null) {
            document.put("errors", errors);
        }
        document.put("extraColumns", Map.of("policy", extraPolicy, "columns", extraColumns));
        document.put("dedupe", dedupe);
        document.put("schema", schema);
        document.put("partitions", partitions);
        document.put("files", files);
        return json(document);
    }

    /** The breakdown alone, as {@code _errors/run_id=<run>/_rejects.json} holds it. */
    static String rejectsJson(List<RejectCount> rejects) {
        return json(Map.of("rejects", rejectList(rejects)));
    }

    private static List<Map<String, Object>> rejectList(List<RejectCount> rejects) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (RejectCount reject : rejects) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("column", reject.column());
            entry.put("rule", reject.rule());
            entry.put("count", reject.count());
            list.add(entry);
        }
        return list;
    }

    private static String json(Object document) {
        try {
            return JSON.std.asString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

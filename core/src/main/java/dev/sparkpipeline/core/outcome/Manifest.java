package dev.sparkpipeline.core.outcome;

import dev.sparkpipeline.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A curate run's {@code _manifests/<runId>.json} as publishing reads it.
 *
 * @param dataset    the dataset
 * @param runId      the run
 * @param rowsIn     rows read
 * @param rowsOut    rows written
 * @param rejected   rows set aside
 * @param schema     every written column (partition columns included) to its Spark SQL type
 * @param partitions partition paths written ({@code ingest_date=2026-11-22})
 */
public record Manifest(String dataset, String runId, long rowsIn, long rowsOut, long rejected,
                       Map<String, String> schema, List<String> partitions) {

    public static Manifest parse(byte[] json) {
        JsonObject root = JsonObject.parse(json);
        JsonObject rows = root.object("rows");
        List<String> partitions = root.stringList("partitions");
        return new Manifest(root.string("dataset"), root.string("runId"), rows.number("in"), rows.number("out"),
                rows.number("rejected", 0), new LinkedHashMap<>(root.strings("schema")), partitions);
    }
}

package dev.sparkpipeline.curate;

import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import java.nio.charset.StandardCharsets;

/** Datasets for the job's tests, written as {@code config/datasets.json} would hold them and read by its reader. */
public final class Datasets {

    /** The sample orders columns. */
    public static final String ORDERS_COLUMNS = """
            [{"name": "order_id", "type": "string", "required": true},
             {"name": "customer_id", "type": "string", "required": true},
             {"name": "order_ts", "type": "timestamp", "required": true},
             {"name": "amount", "type": "decimal(12,2)", "required": true},
             {"name": "status", "type": "string"}]""";

    private Datasets() {}

    /** The orders dataset with these extra fields ({@code "key": ["order_id"], "maxErrorRatio": 0.5}). */
    public static DatasetSpec orders(String fields) {
        return dataset("orders", ORDERS_COLUMNS, fields);
    }

    /** A dataset of these columns and fields, over the bundled config's defaults. */
    public static DatasetSpec dataset(String name, String columns, String fields) {
        String defaults = """
                {"formats": ["csv", "jsonl", "parquet"], "gzip": true, "minBytes": 1, "maxBytes": 1000000,
                 "csv": {"delimiter": ",", "quote": "\\""}, "engine": "EMR_SERVERLESS", "timeoutMinutes": 60,
                 "maxErrorRatio": 0.5, "partitionBy": ["ingest_date"]}""";
        String dataset = "{\"prefix\": \"" + name + "/\", \"columns\": " + columns
                + (fields.isBlank() ? "" : ", " + fields) + "}";
        String config = "{\"defaults\": " + defaults + ", \"datasets\": {\"" + name + "\": " + dataset + "}}";
        return DatasetCatalog.parse(config.getBytes(StandardCharsets.UTF_8))
                .named(name)
                .orElseThrow();
    }
}

package dev.sparkpipeline.aws.testing;

import dev.sparkpipeline.aws.EngineSettings;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.JobSettings;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.engine.JobRequest;
import java.util.Map;

/** Job requests and engine settings as the submit function builds them, for engine tests. */
public final class Requests {

    public static final String ACCOUNT = "123456789012";

    private Requests() {}

    public static JobRequest request(Engine engine, String executionName, String clusterId) {
        return request(engine, executionName, clusterId, "orders");
    }

    /** A request of one file of {@code dataset}, landed under {@code <dataset>/2026/11/22/}. */
    public static JobRequest request(Engine engine, String executionName, String clusterId, String dataset) {
        var input = new ExecutionInput(
                dataset,
                new SourceObject(
                        "landing-bucket", dataset + "/2026/11/22/" + dataset + "-001.csv", "v1", "etag", 1024, null),
                engine,
                new JobSettings(60, Map.of(), null, null));
        return new JobRequest(executionName, input, clusterId);
    }

    public static EngineSettings settings(String applicationId) {
        return settings(applicationId, dev.sparkpipeline.core.dataset.DatasetCatalog.bundled());
    }

    /**
     * The bundled datasets (order_totals runs the example JAR) and {@code py_totals}, which runs a
     * PySpark job with its Python files and archives.
     */
    public static dev.sparkpipeline.core.dataset.DatasetCatalog withPySparkDataset() {
        var datasets = new java.util.ArrayList<>(
                dev.sparkpipeline.core.dataset.DatasetCatalog.bundled().all());
        datasets.addAll(dev.sparkpipeline.core.dataset.DatasetCatalog.parse(
                        """
                        {"defaults": {"formats": ["csv"], "gzip": false, "minBytes": 1, "maxBytes": 1000,
                          "csv": {"delimiter": ",", "quote": "\\""}, "engine": "EMR_SERVERLESS", "timeoutMinutes": 60,
                          "maxErrorRatio": 0.05, "partitionBy": ["ingest_date"]},
                         "datasets": {"py_totals": {"prefix": "py_totals/", "columns": [{"name": "id", "type": "string"}],
                          "job": {"entryPoint": "s3://my-jobs/totals.py", "pyFiles": ["jobs/examples/lib.zip"],
                                  "archives": ["s3://my-jobs/env.tar.gz#env"], "arguments": ["--currency", "EUR"],
                                  "sparkConf": {"spark.sql.shuffle.partitions": "8"}}}}}""".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .all());
        return new dev.sparkpipeline.core.dataset.DatasetCatalog(datasets);
    }

    public static EngineSettings settings(
            String applicationId, dev.sparkpipeline.core.dataset.DatasetCatalog datasets) {
        return new EngineSettings(
                "us-east-1",
                applicationId,
                "curate",
                "arn:aws:iam::" + ACCOUNT + ":role/curate-job",
                "artifacts-bucket",
                "jobs/curate/curate-job.jar",
                "curated-bucket",
                "/aws/emr-serverless/pipeline",
                "pipeline_curated",
                dev.sparkpipeline.core.engine.TableUpkeep.DEFAULT,
                datasets);
    }
}

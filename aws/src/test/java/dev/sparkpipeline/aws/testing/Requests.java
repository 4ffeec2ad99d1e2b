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
        var input = new ExecutionInput(
                "orders",
                new SourceObject("landing-bucket", "orders/2026/11/22/orders-001.csv", "v1", "etag", 1024, null),
                engine,
                new JobSettings(60, Map.of(), null, null));
        return new JobRequest(executionName, input, clusterId);
    }

    public static EngineSettings settings(String applicationId) {
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
                dev.sparkpipeline.core.dataset.DatasetCatalog.bundled());
    }
}

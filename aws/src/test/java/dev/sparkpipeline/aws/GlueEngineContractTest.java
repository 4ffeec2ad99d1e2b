package dev.sparkpipeline.aws;

import static dev.sparkpipeline.aws.testing.Requests.request;
import static dev.sparkpipeline.aws.testing.Requests.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.error.ConcurrentRunsExceeded;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;

/** GlueEngine with the real SDK client against moto_server, whose runs step STARTING, RUNNING, SUCCEEDED. */
class GlueEngineContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private GlueClient client;
    private GlueEngine engine;

    @BeforeEach
    void job() {
        moto.reset();
        client = moto.clients().glue();
        moto.createCurateGlueJob();
        engine = new GlueEngine(client, settings("unused"), Clock.systemUTC());
    }

    @Test
    void submitStartsARunOfTheJobWithTheCurateArguments() {
        JobHandle handle = engine.submit(request(Engine.GLUE, "orders-run-1", null));

        var run =
                client.getJobRun(b -> b.jobName("curate").runId(handle.jobId())).jobRun();
        assertThat(run.arguments())
                .containsEntry("--input", "s3://landing-bucket/orders/2026/11/22/orders-001.csv")
                .containsEntry("--output", "s3://curated-bucket/orders")
                .containsEntry("--dataset", "orders")
                .containsEntry("--run-id", "orders-run-1")
                .containsEntry("--table", "pipeline_curated.orders");
        assertThat(run.arguments().get("--conf"))
                .as("Glue's one --conf carries the Iceberg catalog's settings")
                .startsWith("spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions"
                        + " --conf spark.sql.catalog.lake=org.apache.iceberg.spark.SparkCatalog")
                .contains(" --conf spark.sql.catalog.lake.catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog");
        assertThat(handle.containerId()).isEqualTo("curate");
    }

    @Test
    void aRetriedSubmitFindsTheRunCarryingTheSameRunId() {
        JobHandle first = engine.submit(request(Engine.GLUE, "orders-run-1", null));
        engine.submit(request(Engine.GLUE, "orders-run-2", null));

        JobHandle again = engine.submit(request(Engine.GLUE, "orders-run-1", null));

        assertThat(again.jobId()).isEqualTo(first.jobId());
        assertThat(client.getJobRuns(b -> b.jobName("curate")).jobRuns()).hasSize(2);
    }

    @Test
    void aRunPastTheJobsMaxConcurrentRunsIsRefusedForCapacity() {
        // moto ends a run the moment it is read unless told to hold it; MaxConcurrentRuns is 1 on moto's job.
        moto.post(
                "/moto-api/state-manager/set-transition",
                "{\"model_name\": \"glue::job_run\", \"transition\": {\"progression\": \"manual\", \"times\": 1000}}");
        try {
            engine.submit(request(Engine.GLUE, "orders-run-1", null));

            assertThatThrownBy(() -> engine.submit(request(Engine.GLUE, "orders-run-2", null)))
                    .isInstanceOf(ConcurrentRunsExceeded.class)
                    .hasMessageContaining("ConcurrentRunsExceededException");
        } finally {
            moto.post("/moto-api/state-manager/unset-transition", "{\"model_name\": \"glue::job_run\"}");
        }
    }

    @Test
    void observingARunFollowsItToSuccess() {
        JobHandle handle = engine.submit(request(Engine.GLUE, "orders-run-1", null));

        List<String> states = new ArrayList<>();
        for (int poll = 0; poll < 10 && !states.contains("SUCCEEDED"); poll++) {
            states.add(engine.observe(handle).rawState());
        }

        assertThat(states).contains("SUCCEEDED").doesNotContain("FAILED");
        assertThat(engine.observe(handle).links()).containsKeys("driverLogs", "errorLogs", "console");
    }
}

package dev.sparkpipeline.aws;

import static dev.sparkpipeline.aws.testing.Requests.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.aws.testing.SentRequests;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.JobSettings;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRequest;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ExecutionClass;
import software.amazon.awssdk.services.glue.model.StartJobRunRequest;

/** The customers dataset's Glue profile (config/datasets.json) reaches StartJobRun, against moto_server. */
class GlueProfileContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private final SentRequests sent = new SentRequests();
    private GlueClient client;
    private GlueEngine engine;

    @BeforeEach
    void job() {
        moto.reset();
        client = sent.client(GlueClient.builder(), moto.endpoint());
        moto.createCurateGlueJob();
        engine = new GlueEngine(client, settings("unused"), Clock.systemUTC());
    }

    @Test
    void theRunHasTheDatasetsWorkersAndAutoScaling() {
        JobHandle handle = engine.submit(customers("customers-run-1"));

        var run =
                client.getJobRun(b -> b.jobName("curate").runId(handle.jobId())).jobRun();
        assertThat(run.workerTypeAsString()).isEqualTo("G.1X");
        assertThat(run.numberOfWorkers()).isEqualTo(10);
        assertThat(run.arguments())
                .containsEntry("--enable-auto-scaling", "true")
                .containsEntry("--dataset", "customers");
    }

    @Test
    void aDatasetThatCanWaitRunsFlex() {
        engine.submit(customers("customers-run-2"));

        assertThat(sent.of(StartJobRunRequest.class))
                .singleElement()
                .extracting(StartJobRunRequest::executionClass)
                .isEqualTo(ExecutionClass.FLEX);
    }

    private static JobRequest customers(String executionName) {
        var input = new ExecutionInput(
                "customers",
                new SourceObject("landing-bucket", "customers/2026/11/22/c.csv", "v1", "etag", 1024, null),
                Engine.GLUE,
                new JobSettings(60, Map.of(), null, null));
        return new JobRequest(executionName, input, null);
    }
}

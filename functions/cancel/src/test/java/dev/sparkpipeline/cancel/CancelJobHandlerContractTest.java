package dev.sparkpipeline.cancel;

import static dev.sparkpipeline.aws.testing.Requests.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.aws.AwsJobEngines;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cancel handler on its event fixtures, with the real engine adapters on moto_server. */
class CancelJobHandlerContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private String applicationId;
    private JobEngines engines;

    @BeforeEach
    void engines() {
        moto.reset();
        applicationId = moto.createCurateApplication();
        engines = AwsJobEngines.on(moto.clients(), settings(applicationId), Clock.systemUTC());
    }

    @Test
    void cancellingAFinishedRunIsANoOpThatStillAnswers() throws IOException {
        // moto's EMR Serverless job runs go straight to SUCCESS: this one has ended before the cancel.
        String jobRunId = moto.clients()
                .emrServerless()
                .startJobRun(b -> b.applicationId(applicationId)
                        .executionRoleArn("arn:aws:iam::123456789012:role/curate-job")
                        .jobDriver(d -> d.sparkSubmit(s -> s.entryPoint("s3://artifacts-bucket/jobs/curate-job.jar"))))
                .jobRunId();
        Map<String, Object> event = JSON.std.mapFrom(Fixtures.bytes("cancel-emr-serverless.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> handle = new LinkedHashMap<>((Map<String, Object>) event.get("handle"));
        handle.put("jobId", jobRunId);
        handle.put("containerId", applicationId);

        Map<String, Object> answer = invoke(new CancelJobHandler(engines), JSON.std.asBytes(Map.of("handle", handle)));

        assertThat(answer).containsEntry("cancelled", true);
    }

    private static Map<String, Object> invoke(CancelJobHandler handler, byte[] event) throws IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return JSON.std.mapFrom(out.toByteArray());
    }
}

package dev.sparkpipeline.aws.livy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.error.EngineUnavailable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Livy codec on documents as Livy 0.7.1 writes them (captured from a real Livy 0.7.1 on this machine). */
class LivyJsonTest {

    @Test
    void readsABatchLeavingOutTheNullLinks() {
        String answer = """
                {"id":0,"name":"run-a","owner":null,"proxyUser":null,"state":"running","appId":null,\
                "appInfo":{"driverLogUrl":null,"sparkUiUrl":null},"log":["stdout: ","\\nstderr: "]}""";

        LivyBatch batch = LivyJson.batch(answer.getBytes(UTF_8));

        assertThat(batch)
                .isEqualTo(new LivyBatch(0, "run-a", "running", null, Map.of(), List.of("stdout: ", "\nstderr: ")));
    }

    @Test
    void readsALogSliceWhetherItCountsLinesAsTotalOrAsTheDocumentedSize() {
        LivyLog real = LivyJson.log("{\"id\":0,\"from\":0,\"total\":8,\"log\":[\"SleepJob done\"]}".getBytes(UTF_8));
        LivyLog documented =
                LivyJson.log("{\"id\":0,\"from\":0,\"size\":8,\"log\":[\"SleepJob done\"]}".getBytes(UTF_8));

        assertThat(real).isEqualTo(documented).isEqualTo(new LivyLog(0, 0, 8, List.of("SleepJob done")));
    }

    @Test
    void writesTheSubmissionWithTheDocumentedFieldNames() {
        var request = new LivyBatchRequest("s3://a/job.jar", "Main", List.of("--x", "1"), Map.of("k", "v"), "run-a");

        assertThat(new String(LivyJson.write(request), UTF_8))
                .isEqualTo("{\"file\":\"s3://a/job.jar\",\"className\":\"Main\",\"args\":[\"--x\",\"1\"],"
                        + "\"conf\":{\"k\":\"v\"},\"name\":\"run-a\"}");
    }

    @Test
    void anAnswerThatIsNotLivysIsTheEngineUnavailable() {
        assertThatThrownBy(() -> LivyJson.batch("<html>502 Bad Gateway</html>".getBytes(UTF_8)))
                .isInstanceOf(EngineUnavailable.class)
                .hasMessageStartingWith("Livy did not answer with a batch");
    }
}

package dev.sparkpipeline.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.outcome.FailureReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureReasonJsonTest {

    private static final byte[] RECORD = """
            {"kind": "JobFailed", "cause": "2 of 3 rows do not fit", "executionName": "orders-abc",
             "dataset": "orders", "engine": "GLUE", "failedAt": "2026-12-01T10:00:00Z",
             "landedAt": "2026-11-22T08:15:30Z", "links": {"logs": "https://logs"},
             "source": {"bucket": "landing", "key": "orders/a.csv", "versionId": "v1", "etag": "e", "size": 12},
             "copy": {"uri": "s3://q/failed/a.csv", "versionId": "c1"}}
            """.getBytes(StandardCharsets.UTF_8);

    @Test
    void aRecordReadsAsTheFailureAndTheSourceVersion() {
        FailureReason reason = FailureReasonJson.read(RECORD);

        assertThat(reason.executionName()).isEqualTo("orders-abc");
        assertThat(reason.engine()).isEqualTo(Engine.GLUE);
        assertThat(reason.landedAt()).isEqualTo(Instant.parse("2026-11-22T08:15:30Z"));
        assertThat(reason.source().versionId()).isEqualTo("v1");
        assertThat(reason.replayed()).isNull();
    }

    @Test
    void theReplayMarkKeepsEveryOtherField() {
        byte[] marked = FailureReasonJson.replayed(
                RECORD, new FailureReason.Replay("orders-replay-1", Instant.parse("2026-12-02T00:00:00Z")));

        assertThat(FailureReasonJson.read(marked).replayed().execution()).isEqualTo("orders-replay-1");
        assertThat(JsonObject.parse(marked).fields())
                .containsAllEntriesOf(JsonObject.parse(RECORD).fields());
    }

    @Test
    void aFailedReplayNamesTheReplayKeepsTheFailureBeforeAndClearsTheMark() {
        byte[] marked = FailureReasonJson.replayed(RECORD, new FailureReason.Replay("orders-replay-1", Instant.EPOCH));

        byte[] again = FailureReasonJson.failedAgain(
                marked, Map.of("kind", "JobFailed", "cause", "still broken", "executionName", "orders-replay-1"));

        JsonObject document = JsonObject.parse(again);
        assertThat(document.string("executionName")).isEqualTo("orders-replay-1");
        assertThat(document.has("replayed")).isFalse();
        assertThat(document.has("links"))
                .as("the first failure's links were its run's")
                .isFalse();
        assertThat(document.objectList("earlierFailures"))
                .extracting(earlier -> earlier.string("executionName"))
                .isEqualTo(List.of("orders-abc"));
        assertThat(document.object("copy").string("uri")).isEqualTo("s3://q/failed/a.csv");
    }
}

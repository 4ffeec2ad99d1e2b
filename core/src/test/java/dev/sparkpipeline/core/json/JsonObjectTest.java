package dev.sparkpipeline.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.error.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strict reader every codec reads with: each refusal names the field's full path. */
class JsonObjectTest {

    private static JsonObject parse(String json) {
        return JsonObject.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDocumentThatIsNotJsonOrNotAnObjectIsRefused() {
        assertThatThrownBy(() -> parse("executionName=x"))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("the event is not valid JSON");
        assertThatThrownBy(() -> parse("[1, 2]"))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("the event must be a JSON object");
    }

    @Test
    void aFieldOfTheWrongKindIsRefusedWithItsFullPath() {
        JsonObject source = parse("{\"source\": {\"key\": 5, \"size\": \"10\", \"gzip\": \"yes\"}}")
                .object("source");

        assertThatThrownBy(() -> source.string("key")).hasMessage("source.key must be a string");
        assertThatThrownBy(() -> source.number("size")).hasMessage("source.size must be a number");
        assertThatThrownBy(() -> source.bool("gzip", false)).hasMessage("source.gzip must be true or false");
        assertThatThrownBy(() -> source.object("key")).hasMessage("source.key must be an object");
    }

    @Test
    void aMissingRequiredFieldIsRefusedSayingWhatItMustBe() {
        JsonObject job = parse("{\"job\": {}}").object("job");

        assertThatThrownBy(() -> job.string("clusterId")).hasMessage("job.clusterId is required and must be a string");
        assertThatThrownBy(() -> job.number("timeoutMinutes"))
                .hasMessage("job.timeoutMinutes is required and must be a number");
        assertThatThrownBy(() -> job.stringList("files")).hasMessage("job.files is required and must be a list");
    }

    @Test
    void aNullFieldIsAnAbsentOne() {
        JsonObject source = parse("{\"versionId\": null, \"size\": null}");

        assertThat(source.has("versionId")).isFalse();
        assertThat(source.optionalString("versionId")).isNull();
        assertThat(source.number("size", 7)).isEqualTo(7);
        assertThat(source.optionalStringList("versionId")).isEmpty();
    }

    @Test
    void anEngineIsReadByItsNameAndAnUnknownNameListsTheKnownOnes() {
        JsonObject handle = parse("{\"handle\": {\"engine\": \"GLUE\", \"other\": \"NOPE\"}}")
                .object("handle");

        assertThat(handle.optionalEngine("engine")).isEqualTo(Engine.GLUE);
        assertThat(handle.optionalEngine("absent")).isNull();
        assertThatThrownBy(() -> handle.optionalEngine("other"))
                .hasMessage("handle.other must be one of [EMR_SERVERLESS, GLUE, EMR, EMR_LIVY, LOCAL]");
        assertThatThrownBy(() -> handle.engine("absent")).hasMessage("handle.absent is required and must be a string");
    }

    @Test
    void anInstantIsReadFromIso8601Text() {
        JsonObject event = parse("{\"startedAt\": \"2026-11-22T09:30:00.000Z\", \"time\": \"9:30\"}");

        assertThat(event.optionalInstant("startedAt")).isEqualTo(Instant.parse("2026-11-22T09:30:00Z"));
        assertThat(event.optionalInstant("absent")).isNull();
        assertThatThrownBy(() -> event.optionalInstant("time"))
                .hasMessage("time must be an ISO-8601 instant such as 2026-11-22T08:15:30Z");
    }

    @Test
    void listElementsAreReadWithTheirIndexInThePath() {
        JsonObject report = parse("""
                {"files": [{"key": "a"}], "rejects": [{}, 3], "partitions": ["d=1", null]}""");

        assertThat(report.objectList("files").get(0).path()).isEqualTo("files[0]");
        assertThatThrownBy(() -> report.objectList("files").get(0).string("outcome"))
                .hasMessage("files[0].outcome is required and must be a string");
        assertThatThrownBy(() -> report.objectList("rejects")).hasMessage("rejects[1] must be an object");
        assertThatThrownBy(() -> report.stringList("partitions")).hasMessage("partitions[1] must be a string");
        assertThat(report.optionalObjectList("absent")).isEmpty();
    }

    @Test
    void objectsOfStringsAndOfNumbersKeepTheirOrder() {
        JsonObject status = parse("""
                {"links": {"b": "2", "a": "1"}, "usage": {"vCPU-hours": 0.5, "GB-hours": 2}}""");

        assertThat(status.strings("links")).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"));
        assertThat(status.decimals("usage")).containsExactly(Map.entry("vCPU-hours", 0.5), Map.entry("GB-hours", 2.0));
        assertThat(status.strings("absent")).isEmpty();
        assertThatThrownBy(() -> parse("{\"links\": {\"a\": 1}}").strings("links"))
                .hasMessage("links.a must be a string");
    }

    @Test
    void writingKeepsNullsForTheStateMachineAndCanLeaveThemOut() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("clusterId", null);
        nested.put("timeoutMinutes", 60);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("job", nested);
        document.put("rejects", List.of(Map.of("rule", "field_count")));

        assertThat(new String(JsonObject.write(document), StandardCharsets.UTF_8))
                .isEqualTo("""
                {"job":{"clusterId":null,"timeoutMinutes":60},"rejects":[{"rule":"field_count"}]}""");
        assertThat(new String(JsonObject.writeWithoutNulls(document), StandardCharsets.UTF_8))
                .isEqualTo("""
                {"job":{"timeoutMinutes":60},"rejects":[{"rule":"field_count"}]}""");
    }
}

package dev.sparkpipeline.core.json;

import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.outcome.FailureReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reason document of a failure record ({@code failed/.../<key>.reason.json}): its reading as a
 * {@link FailureReason}, and the two changes a replay makes to it. Both keep every field the codec
 * does not know (links, cost, the copy): people read the document, and the archive's reason
 * document keeps it whole once the file is curated.
 */
public final class FailureReasonJson {

    /** The field a replay marks the record with: {@code {"execution": <name>, "at": <instant>}}. */
    public static final String REPLAYED = "replayed";

    /** The field a failed replay keeps the failures before it in, oldest first. */
    public static final String EARLIER = "earlierFailures";

    /** What a new failure of the same file replaces in the document. */
    private static final List<String> FAILURE_FIELDS = List.of(
            "kind", "cause", "executionName", "engine", "failedAt", "jobState", "links", "estimatedCostUsd", "batch");

    private FailureReasonJson() {}

    /** Reads a reason document; a field of the wrong type is {@code InvalidInput} naming it. */
    public static FailureReason read(byte[] json) {
        JsonObject document = JsonObject.parse(json);
        JsonObject source = document.optionalObject("source");
        boolean missing = source != null && source.bool("missing", false);
        SourceObject object = source == null || missing ? null : ExecutionInputJson.source(source);
        JsonObject replayed = document.optionalObject(REPLAYED);
        return new FailureReason(
                document.optionalString("kind"),
                document.optionalString("cause"),
                document.optionalString("executionName"),
                document.optionalString("dataset"),
                document.optionalEngine("engine"),
                document.optionalInstant("failedAt"),
                document.optionalInstant("landedAt"),
                document.optionalString("batch"),
                object,
                missing,
                replayed == null
                        ? null
                        : new FailureReason.Replay(replayed.string("execution"), replayed.optionalInstant("at")));
    }

    /** The document marked as replayed by {@code replay}. */
    public static byte[] replayed(byte[] json, FailureReason.Replay replay) {
        Map<String, Object> document =
                new LinkedHashMap<>(JsonObject.parse(json).fields());
        Map<String, Object> mark = new LinkedHashMap<>();
        mark.put("execution", replay.execution());
        mark.put("at", String.valueOf(replay.at()));
        document.put(REPLAYED, mark);
        return JsonObject.write(document);
    }

    /**
     * The document after the replay that marked it failed too: the new failure's fields (from
     * {@code failure}) replace the old ones, the old ones join {@link #EARLIER}, and the replay mark
     * is cleared, so the record names the replay's execution and can be replayed again under a name
     * of its own.
     */
    public static byte[] failedAgain(byte[] json, Map<String, Object> failure) {
        Map<String, Object> document =
                new LinkedHashMap<>(JsonObject.parse(json).fields());
        Map<String, Object> before = new LinkedHashMap<>();
        for (String field : List.of("executionName", "kind", "cause", "failedAt")) {
            before.put(field, document.get(field));
        }
        List<Object> earlier = new ArrayList<>();
        if (document.get(EARLIER) instanceof List<?> list) {
            earlier.addAll(list);
        }
        earlier.add(before);
        FAILURE_FIELDS.forEach(document::remove);
        document.remove(REPLAYED);
        failure.forEach((field, value) -> {
            if (FAILURE_FIELDS.contains(field)) {
                document.put(field, value);
            }
        });
        document.put(EARLIER, earlier);
        return JsonObject.write(document);
    }
}

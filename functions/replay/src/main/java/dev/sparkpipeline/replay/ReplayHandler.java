package dev.sparkpipeline.replay;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sparkpipeline.aws.AwsAdapters;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.json.JsonObject;
import dev.sparkpipeline.core.outcome.FailureReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-runs the files recorded under {@code failed/} and moves the intake dead-letter queue's messages
 * back ({@link FailureReplayer}). Event, every field optional (an empty object replays everything):
 * {@code {"dataset": "orders", "since": "2026-12-01", "keys": ["orders/2026/12/01/a.csv"],
 * "redrive": true}}. Invoked by hand: {@code aws lambda invoke --function-name
 * <stack>-ReplayFunction --payload '{"dataset":"orders"}' out.json}.
 */
public final class ReplayHandler implements RequestStreamHandler {

    private static final Set<String> FIELDS = Set.of("dataset", "since", "keys", "redrive");

    private final FailureReplayer replayer;

    /** The Lambda runtime's: wired once per container by {@link ReplayFunction}, on AWS. */
    public ReplayHandler() {
        this(AwsAdapters.wire(ReplayFunction::build));
    }

    /** Used by tests and the local runner. */
    public ReplayHandler(FailureReplayer replayer) {
        this.replayer = replayer;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        FailureReplayer.Report report = replayer.replay(filter(JsonObject.parse(input.readAllBytes())));
        List<Map<String, Object>> files = new ArrayList<>();
        Map<FailureReplayer.Outcome, Integer> counts = new LinkedHashMap<>();
        for (FailureReplayer.Outcome outcome : FailureReplayer.Outcome.values()) {
            counts.put(outcome, 0);
        }
        for (FailureReplayer.ReplayedFile file : report.files()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", file.key());
            entry.put("record", file.record());
            entry.put("replayOf", file.replayOf());
            entry.put("execution", file.execution());
            entry.put("outcome", file.outcome().name());
            entry.put("reason", file.reason());
            files.add(entry);
            counts.merge(file.outcome(), 1, Integer::sum);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("files", files);
        answer.put("started", counts.get(FailureReplayer.Outcome.STARTED));
        answer.put("duplicates", counts.get(FailureReplayer.Outcome.DUPLICATE));
        answer.put("skipped", counts.get(FailureReplayer.Outcome.SKIPPED));
        answer.put("redriven", report.redriven());
        output.write(JsonObject.write(answer));
    }

    /** The event's filter; an unknown field or a malformed date is {@link InvalidInput} naming it. */
    private static FailureReplayer.ReplayFilter filter(JsonObject event) {
        for (String field : event.fields().keySet()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidInput(field + ": unknown field; fields here: dataset, since, keys, redrive");
            }
        }
        LocalDate since = null;
        String day = event.optionalString("since");
        if (day != null) {
            try {
                since = LocalDate.parse(day);
            } catch (DateTimeParseException e) {
                throw new InvalidInput("since must be a date such as 2026-12-01, not " + day);
            }
        }
        return new FailureReplayer.ReplayFilter(
                event.optionalString("dataset"),
                since,
                new HashSet<>(event.optionalStringList("keys")),
                event.bool("redrive", true));
    }
}

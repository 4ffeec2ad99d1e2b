package dev.sparkpipeline.recordfailure;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sparkpipeline.aws.AwsAdapters;
import dev.sparkpipeline.core.engine.JobStatus;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.json.ExecutionInputJson;
import dev.sparkpipeline.core.json.JobRunJson;
import dev.sparkpipeline.core.json.JsonObject;
import dev.sparkpipeline.core.outcome.FailureRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * After a failed execution: copies the source to the failed location with a reason document.
 * Event: {@code {"executionName", "state": <the execution's state>}}, whose {@code failure} is
 * {@code {kind, cause}} and whose {@code run}, when a job was submitted, carries its last status.
 */
public final class RecordFailureHandler implements RequestStreamHandler {

    private final FailureRecorder recorder;

    /** The Lambda runtime's: wired once per container by {@link RecordFailureFunction}, on AWS. */
    public RecordFailureHandler() {
        this(AwsAdapters.wire(RecordFailureFunction::build));
    }

    /** Used by tests and the local runner. */
    public RecordFailureHandler(FailureRecorder recorder) {
        this.recorder = recorder;
    }

    /**
     * The job's last status: the last answer's (the state machine keeps each submit and tracker
     * answer in {@code answer} and the submission's in {@code run}), when it reads as a status; a
     * malformed answer, the reason the run failed, falls back to the submission's.
     */
    private static JobStatus lastStatus(JsonObject state) {
        try {
            JsonObject payload = state.optionalObject("answer") == null
                    ? null
                    : state.object("answer").optionalObject("Payload");
            if (payload != null && payload.optionalObject("status") != null) {
                return JobRunJson.readStatus(payload.object("status"));
            }
        } catch (InvalidInput malformed) {
            // Fall back to the submission's status below.
        }
        JsonObject run = state.optionalObject("run");
        return run == null || run.optionalObject("status") == null ? null : JobRunJson.readStatus(run.object("status"));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonObject event = JsonObject.parse(input.readAllBytes());
        JsonObject state = event.object("state");
        JsonObject failure = state.object("failure");
        JobStatus last = lastStatus(state);
        var record = recorder.record(
                event.string("executionName"),
                event.optionalInstant("startedAt"),
                ExecutionInputJson.read(state),
                last,
                failure.string("kind"),
                failure.optionalString("cause"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("failedUri", record.failedUri());
        answer.put("reasonUri", record.reasonUri());
        answer.put("sourceMissing", record.sourceMissing());
        answer.put("files", record.files());
        output.write(JsonObject.write(answer));
    }
}

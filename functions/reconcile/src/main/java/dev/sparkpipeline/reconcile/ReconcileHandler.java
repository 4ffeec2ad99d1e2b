package dev.sparkpipeline.reconcile;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sparkpipeline.aws.AwsAdapters;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.json.ExecutionInputJson;
import dev.sparkpipeline.core.json.JsonObject;
import dev.sparkpipeline.core.outcome.Reconciler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives a fate to every execution that ended without running its Catch. Event: the EventBridge
 * "Step Functions Execution Status Change" for ABORTED, TIMED_OUT and FAILED (FAILED to verify:
 * its failure path normally did everything already, and repeating it changes nothing). The
 * job still running for the execution is cancelled, its transient clusters terminated, and its
 * file recorded under {@code failed/} unless recorded before ({@link Reconciler}).
 */
public final class ReconcileHandler implements RequestStreamHandler {

    private final Reconciler reconciler;

    /** The Lambda runtime's: wired once per container by {@link ReconcileFunction}, on AWS. */
    public ReconcileHandler() {
        this(AwsAdapters.wire(ReconcileFunction::build));
    }

    /** Used by tests and the local runner. */
    public ReconcileHandler(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonObject detail = JsonObject.parse(input.readAllBytes()).object("detail");
        String name = detail.string("name");
        String status = detail.string("status");
        Instant startedAt = detail.has("startDate") ? Instant.ofEpochMilli(detail.number("startDate", 0)) : null;
        var ended = new Reconciler.Ended(
                name,
                status,
                startedAt,
                inputOf(detail),
                detail.optionalString("error"),
                detail.optionalString("cause"));
        Reconciler.Reconciliation done = reconciler.reconcile(ended);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("execution", name);
        answer.put("status", status);
        answer.put("cancelledJob", done.cancelledJob());
        answer.put("terminatedClusters", done.terminatedClusters());
        answer.put("failureRecord", done.failureRecord());
        answer.put("note", done.note());
        output.write(JsonObject.write(answer));
    }

    /** The execution's input, from the event's JSON text; absent (over EventBridge's size) or unreadable is null. */
    private static ExecutionInput inputOf(JsonObject detail) {
        String text = detail.optionalString("input");
        if (text == null) {
            return null;
        }
        try {
            return ExecutionInputJson.read(text.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidInput unreadable) {
            return null;
        }
    }
}

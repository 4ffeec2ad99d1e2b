package dev.sparkpipeline.batcher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sparkpipeline.aws.AwsAdapters;
import dev.sparkpipeline.core.intake.BatchCloser;
import dev.sparkpipeline.core.intake.IntakeBatcher;
import dev.sparkpipeline.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Closes batches of landed files from the intake queue's SQS event source mapping: every ready
 * batch gets its manifest and one execution ({@link IntakeBatcher}); the messages of batches still
 * filling (and of any that failed to close) are answered as {@code batchItemFailures}, which the
 * mapping's {@code ReportBatchItemFailures} makes SQS deliver again after the visibility timeout.
 */
public final class BatcherHandler implements RequestStreamHandler {

    private final IntakeBatcher batcher;

    /** The Lambda runtime's: wired once per container by {@link BatcherFunction}, on AWS. */
    public BatcherHandler() {
        this(AwsAdapters.wire(BatcherFunction::build));
    }

    /** Used by tests and the local runner, which pass their own adapters. */
    public BatcherHandler(IntakeBatcher batcher) {
        this.batcher = batcher;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        IntakeMessages messages = IntakeMessages.parse(input.readAllBytes());
        IntakeBatcher.Delivery delivery = batcher.deliver(messages.delivered(), messages.closeAll());
        List<Map<String, Object>> failures = new ArrayList<>();
        List<String> redelivered = new ArrayList<>(delivery.kept());
        redelivered.addAll(messages.unreadable());
        redelivered.forEach(id -> failures.add(Map.of("itemIdentifier", id)));
        List<Map<String, Object>> batches = new ArrayList<>();
        for (BatchCloser.Closed closed : delivery.closed()) {
            Map<String, Object> batch = new LinkedHashMap<>();
            batch.put("id", closed.id());
            batch.put("dataset", closed.dataset());
            batch.put("files", closed.files());
            batch.put("duplicate", closed.duplicate());
            batches.add(batch);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("batchItemFailures", failures);
        answer.put("batches", batches);
        output.write(JsonObject.write(answer));
    }
}

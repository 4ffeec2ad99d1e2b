package dev.sparkpipeline.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sparkpipeline.aws.AwsAdapters;
import dev.sparkpipeline.aws.priming.SnapStartPriming;
import dev.sparkpipeline.core.json.ExecutionInputJson;
import dev.sparkpipeline.core.json.JsonObject;
import dev.sparkpipeline.core.outcome.Publisher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * After a successful job: registers the curated table and its new partitions in the Glue Data
 * Catalog and archives the source. Event: {@code {"executionName", "state": <the execution's
 * state>}}; answer: the publication summary the state machine outputs.
 */
public final class PublishHandler implements RequestStreamHandler {

    /** A publication whose manifest does not exist: the warm-up before a SnapStart snapshot. */
    private static final byte[] PRIMING_EVENT = """
            {"executionName": "snapstart-priming", "state": {"dataset": "snapstart-priming",
             "source": {"bucket": "snapstart-priming", "key": "snapstart-priming/none.csv", "size": 1}}}""".getBytes(StandardCharsets.UTF_8);

    private final Publisher publisher;

    /** The Lambda runtime's: wired once per container by {@link PublishFunction}, on AWS. */
    public PublishHandler() {
        this(AwsAdapters.wire(PublishFunction::build));
        SnapStartPriming.register(
                () -> handleRequest(new ByteArrayInputStream(PRIMING_EVENT), OutputStream.nullOutputStream(), null));
    }

    /** Used by tests and the local runner, which pass their own adapters. */
    public PublishHandler(Publisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonObject event = JsonObject.parse(input.readAllBytes());
        var summary = publisher.publish(
                event.string("executionName"),
                event.optionalInstant("startedAt"),
                ExecutionInputJson.read(event.object("state")));
        output.write(JsonObject.write(summary));
    }
}

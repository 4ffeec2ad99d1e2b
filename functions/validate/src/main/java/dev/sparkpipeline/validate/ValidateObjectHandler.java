package dev.sparkpipeline.validate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sparkpipeline.aws.AwsAdapters;
import dev.sparkpipeline.aws.S3ObjectStore;
import dev.sparkpipeline.aws.StepFunctionsExecutionStarter;
import dev.sparkpipeline.aws.priming.CannedResponse;
import dev.sparkpipeline.aws.priming.SnapStartPriming;
import dev.sparkpipeline.core.json.ValidationReportJson;
import dev.sparkpipeline.core.landing.LandingValidator;
import dev.sparkpipeline.core.landing.ValidationReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the pipeline for every object that lands in the landing bucket, or quarantines it
 * with a reason. Takes S3 event notifications and EventBridge "Object Created" events; answers
 * with one outcome per file.
 */
public final class ValidateObjectHandler implements RequestStreamHandler {

    /**
     * A CSV of the customers dataset that passes every landing rule: the warm-up's file. A dataset
     * of one execution per file, so the warm-up primes the path every file's start takes.
     */
    private static final String PRIMING_CSV = "customer_id;name\nc-1;Ann\n";

    private static final String PRIMING_ETAG = "0123456789abcdef0123456789abcdef";

    /** An Object Created event for an object that does not exist: a warm-up's event. */
    private static final byte[] MISSING_OBJECT_EVENT = """
            {"version": "0", "id": "snapstart-priming", "detail-type": "Object Created", "source": "aws.s3",
             "time": "2026-01-01T00:00:00Z", "detail": {"bucket": {"name": "snapstart-priming"},
             "object": {"key": "snapstart-priming/none.csv", "size": 1, "etag": "0"}}}""".getBytes(StandardCharsets.UTF_8);

    private final LandingValidator validator;

    /** The Lambda runtime's: wired once per container by {@link ValidateFunction}, on AWS. */
    public ValidateObjectHandler() {
        this(AwsAdapters.wire(ValidateFunction::build));
        registerPriming();
    }

    /** Used by tests and the local runner, which pass their own adapters. */
    public ValidateObjectHandler(LandingValidator validator) {
        this.validator = validator;
    }

    /**
     * The SnapStart warm-ups: an event for an object that does not exist, over the network (the
     * HTTP stack and the missing-object path), then the success path on canned answers: the
     * file's head and first bytes, an execution started.
     *
     * @return the last warm-up registered
     */
    SnapStartPriming registerPriming() {
        SnapStartPriming.register(() ->
                handleRequest(new ByteArrayInputStream(MISSING_OBJECT_EVENT), OutputStream.nullOutputStream(), null));
        return SnapStartPriming.register(
                ValidateObjectHandler::primingAnswers,
                () -> handleRequest(new ByteArrayInputStream(primingEvent()), OutputStream.nullOutputStream(), null));
    }

    private static List<CannedResponse> primingAnswers() {
        List<CannedResponse> answers = new ArrayList<>(S3ObjectStore.cannedAnswers(PRIMING_ETAG, PRIMING_CSV));
        answers.addAll(StepFunctionsExecutionStarter.cannedAnswers());
        return answers;
    }

    /** An Object Created event for the warm-up's file. */
    private static byte[] primingEvent() {
        return """
                {"version": "0", "id": "snapstart-priming", "detail-type": "Object Created", "source": "aws.s3",
                 "time": "2026-01-01T00:00:00Z", "detail": {"bucket": {"name": "snapstart-priming"},
                 "object": {"key": "customers/2026/01/01/snapstart-priming.csv", "size": %d, "etag": "%s"}}}""".formatted(PRIMING_CSV.length(), PRIMING_ETAG).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ValidationReport report = validator.validate(LandingEvents.parse(input.readAllBytes()));
        output.write(ValidationReportJson.write(report));
    }
}

package dev.sparkpipeline.validate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sparkpipeline.core.aws.FunctionEnvironment;
import dev.sparkpipeline.core.landing.LandingValidator;
import dev.sparkpipeline.core.landing.ValidationReport;
import dev.sparkpipeline.core.priming.SnapStartPriming;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Starts the pipeline for every object that lands in the landing bucket, or quarantines it
 * with a reason. Takes S3 event notifications and EventBridge "Object Created" events; answers
 * with one outcome per file.
 */
public final class ValidateObjectHandler implements RequestStreamHandler {

    /** An Object Created event for an object that does not exist: the warm-up before a SnapStart snapshot. */
    private static final byte[] PRIMING_EVENT = """
            {"version": "0", "id": "snapstart-priming", "detail-type": "Object Created", "source": "aws.s3",
             "time": "2026-01-01T00:00:00Z", "detail": {"bucket": {"name": "snapstart-priming"},
             "object": {"key": "snapstart-priming/none.csv", "size": 1, "etag": "0"}}}""".getBytes(StandardCharsets.UTF_8);

    private final LandingValidator validator;

    /** Used by the Lambda runtime: clients and rules are built once per container. */
    public ValidateObjectHandler() {
        this(FunctionEnvironment.ofProcess());
        SnapStartPriming.register(() -> handleRequest(new ByteArrayInputStream(PRIMING_EVENT), OutputStream.nullOutputStream(), null));
    }

    /** The AWS wiring from a function environment (the process's, or the local runner's endpoint mode). */
    public ValidateObjectHandler(FunctionEnvironment environment) {
        this(LandingValidators.onAws(environment));
    }

    /** Used by tests and the local runner, which pass their own adapters. */
    public ValidateObjectHandler(LandingValidator validator) {
        this.validator = validator;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ValidationReport report = validator.validate(LandingEvents.parse(input.readAllBytes()));
        output.write(ValidationReportJson.write(report));
    }
}

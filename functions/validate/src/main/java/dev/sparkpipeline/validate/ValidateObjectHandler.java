package dev.sparkpipeline.validate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sparkpipeline.core.landing.LandingValidator;
import dev.sparkpipeline.core.landing.ValidationReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Starts the pipeline for every object that lands in the landing bucket, or quarantines it
 * with a reason. Takes S3 event notifications and EventBridge "Object Created" events; answers
 * with one outcome per file.
 */
public final class ValidateObjectHandler implements RequestStreamHandler {

    private final LandingValidator validator;

    /** Used by the Lambda runtime: clients and rules are built once per container. */
    public ValidateObjectHandler() {
        this(LandingValidators.onAws(System.getenv()));
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

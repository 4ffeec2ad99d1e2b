package dev.sparkpipeline.verifyinput;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sparkpipeline.aws.AwsAdapters;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.execution.InputCheck;
import dev.sparkpipeline.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state machine's second check of an execution's input, before any cluster or job starts:
 * what its Choice cannot see (the dataset exists, the source landed, names and arguments in
 * bounds, no reserved job argument, room left in the state). Event: the execution state; answer:
 * {@code {"valid": true}} (with {@code "cluster": {...}}, the dataset's RunJobFlow fields, for a run on a
 * transient EMR cluster) or {@code {"valid": false, "cause": "<the field and what is wrong>"}}.
 */
public final class VerifyInputHandler implements RequestStreamHandler {

    private final InputCheck check;

    /** The Lambda runtime's: wired once per container by {@link VerifyInputFunction}, on AWS. */
    public VerifyInputHandler() {
        this(AwsAdapters.wire(VerifyInputFunction::build));
    }

    /** Used by tests and the local runner. */
    public VerifyInputHandler(InputCheck check) {
        this.check = check;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        Map<String, Object> answer;
        try {
            answer = check.verdict(JsonObject.parse(event), event.length);
        } catch (InvalidInput notAnObject) {
            answer = new LinkedHashMap<>();
            answer.put("valid", false);
            answer.put("cause", notAnObject.getMessage());
        }
        output.write(JsonObject.write(answer));
    }
}

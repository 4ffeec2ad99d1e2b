package dev.sparkpipeline.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.asl.TaskRunner;
import dev.sparkpipeline.local.runner.LocalFunctions;
import dev.sparkpipeline.local.runner.LocalTasks;
import java.time.Duration;
import java.util.Map;

/**
 * The state machine's Task resources in a load run: {@code lambda:invoke} calls the template's
 * function in-process ({@link LocalTasks}), metered, and the execution then waits the
 * invocation's modelled duration (at most the function's timeout) in virtual time; the other
 * integrations (EventBridge, SNS, EMR cluster calls) answer at once with an empty result.
 */
final class MeteredTasks implements TaskRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalFunctions functions;
    private final LocalTasks tasks;
    private final RequestMeter meter;
    private final VirtualTime time;
    private final Map<String, Duration> timeouts;

    /** @param timeouts each function's timeout, by logical id */
    MeteredTasks(LocalFunctions functions, RequestMeter meter, VirtualTime time, Map<String, Duration> timeouts) {
        this.functions = functions;
        this.tasks = new LocalTasks(functions, (resource, parameters) -> JSON.createObjectNode());
        this.meter = meter;
        this.time = time;
        this.timeouts = Map.copyOf(timeouts);
    }

    @Override
    public JsonNode run(String resource, JsonNode parameters) {
        if (!resource.equals("arn:aws:states:::lambda:invoke")) {
            return JSON.createObjectNode();
        }
        String name = parameters.path("FunctionName").asText();
        String function = functions.names().stream()
                .filter(id -> name.equals(id) || name.contains(":function:" + id))
                .findFirst()
                .orElse(name);
        try {
            return meter.invoke(function, () -> tasks.run(resource, parameters)).answer();
        } finally {
            // The state machine sees the answer, or the function's error, once the invocation has taken its time.
            Duration took = Duration.ofMillis(meter.lastMillis());
            Duration timeout = timeouts.getOrDefault(function, took);
            time.sleep(took.compareTo(timeout) <= 0 ? took : timeout);
        }
    }
}

package dev.sparkpipeline.local.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code AWS::Serverless::Function} of the template, Globals applied.
 *
 * @param logicalId   the resource's logical id ({@code sam local invoke} names it)
 * @param handler     {@code package.Class::method}
 * @param codeUri     the code location, relative to the template
 * @param buildMethod the Metadata BuildMethod, or null
 * @param runtime     the Lambda runtime
 * @param properties  every property, for the environment and the rest
 */
public record SamFunction(
        String logicalId,
        String handler,
        String codeUri,
        String buildMethod,
        String runtime,
        Map<String, Object> properties) {

    /** The handler's class name, without the method. */
    public String handlerClass() {
        int method = handler.indexOf("::");
        return method < 0 ? handler : handler.substring(0, method);
    }

    /** The environment variables as written in the template (values may be intrinsics). */
    public Map<String, Object> environment() {
        Map<String, Object> environment = SamTemplate.cast(properties.getOrDefault("Environment", Map.of()));
        return SamTemplate.cast(environment.getOrDefault("Variables", Map.of()));
    }

    /** The patterns of the function's {@code EventBridgeRule} events: what EventBridge delivers to it. */
    public List<Map<String, Object>> eventPatterns() {
        List<Map<String, Object>> patterns = new ArrayList<>();
        Map<String, Object> events = SamTemplate.cast(properties.getOrDefault("Events", Map.of()));
        for (Object value : events.values()) {
            Map<String, Object> event = SamTemplate.cast(value);
            if ("EventBridgeRule".equals(event.get("Type"))) {
                Map<String, Object> eventProperties = SamTemplate.cast(event.getOrDefault("Properties", Map.of()));
                patterns.add(SamTemplate.cast(eventProperties.getOrDefault("Pattern", Map.of())));
            }
        }
        return patterns;
    }

    /** The function's {@code SQS} events: the queues a Lambda event source mapping delivers to it. */
    public List<SqsEventSource> sqsEvents() {
        List<SqsEventSource> sources = new ArrayList<>();
        Map<String, Object> events = SamTemplate.cast(properties.getOrDefault("Events", Map.of()));
        for (Object value : events.values()) {
            Map<String, Object> event = SamTemplate.cast(value);
            if ("SQS".equals(event.get("Type"))) {
                Map<String, Object> eventProperties = SamTemplate.cast(event.getOrDefault("Properties", Map.of()));
                Object batchSize = eventProperties.getOrDefault("BatchSize", SqsEventSource.DEFAULT_BATCH_SIZE);
                sources.add(new SqsEventSource(queueOf(eventProperties.get("Queue")), batchSize));
            }
        }
        return sources;
    }

    /** The logical id an event's {@code Queue} names: {@code !GetAtt IntakeQueue.Arn} is {@code IntakeQueue}. */
    private String queueOf(Object queue) {
        if (queue instanceof Map<?, ?> intrinsic && intrinsic.get("Fn::GetAtt") instanceof List<?> attribute) {
            return String.valueOf(attribute.get(0));
        }
        throw new IllegalStateException(logicalId + ": an SQS event's Queue must be !GetAtt <queue>.Arn, not " + queue);
    }
}

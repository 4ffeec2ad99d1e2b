package dev.sparkpipeline.local.bench;

import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamFunction;
import dev.sparkpipeline.local.template.SamTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of {@code template.yaml} a load run models, read from the template (parameters at
 * their defaults), so the benchmark follows the stack as it changes: the intake queue and its
 * event source mapping, the engines' capacity settings, each function's timeout and memory.
 *
 * @param template  the SAM template
 * @param resources its references resolved to local names
 */
record StackSettings(SamTemplate template, LocalResources resources) {

    static StackSettings of(SamTemplate template) {
        return new StackSettings(template, new LocalResources(template));
    }

    /** A resource property, resolved (a parameter at its default); empty when the template has none. */
    Optional<String> property(String resource, String... path) {
        Object value = template.resources().get(resource);
        if (value == null) {
            throw new IllegalStateException("template.yaml has no resource " + resource);
        }
        value = map(value).get("Properties");
        for (String step : path) {
            if (!(value instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            value = map.get(step);
        }
        return Optional.ofNullable(value).map(resources::resolve);
    }

    /** A resource property that must be there, as a whole number. */
    int number(String resource, String... path) {
        return Integer.parseInt(property(resource, path)
                .orElseThrow(() ->
                        new IllegalStateException("template.yaml: " + resource + " has no " + String.join(".", path)))
                .trim());
    }

    /** A function, Globals applied. */
    SamFunction function(String logicalId) {
        SamFunction function = template.functions().get(logicalId);
        if (function == null) {
            throw new IllegalStateException("template.yaml has no function " + logicalId);
        }
        return function;
    }

    /** A function's timeout in seconds. */
    int timeoutSeconds(String logicalId) {
        return Integer.parseInt(
                resources.resolve(function(logicalId).properties().get("Timeout")));
    }

    /** A function's memory in MB. */
    int memoryMb(String logicalId) {
        return Integer.parseInt(
                resources.resolve(function(logicalId).properties().get("MemorySize")));
    }

    /** The batcher's SQS event source mapping: its one {@code SQS} event's properties, resolved. */
    Map<String, Object> intakeMapping() {
        Map<String, Object> events =
                map(function("BatcherFunction").properties().get("Events"));
        return events.values().stream()
                .map(StackSettings::map)
                .filter(event -> "SQS".equals(event.get("Type")))
                .map(event -> map(event.get("Properties")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the batcher has no SQS event in template.yaml"));
    }

    /** One setting of the intake mapping, as a whole number (a nested one by its path). */
    int intakeMapping(String... path) {
        Object value = intakeMapping();
        for (String step : path) {
            value = map(value).get(step);
        }
        if (value == null) {
            throw new IllegalStateException("the batcher's SQS event has no " + List.of(path));
        }
        return Integer.parseInt(resources.resolve(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}

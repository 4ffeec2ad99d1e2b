package dev.sparkpipeline.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamFunction;
import dev.sparkpipeline.local.template.SamTemplate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EventBridge as the template wires it: an event goes to every function whose
 * {@code EventBridgeRule} pattern matches it. Patterns match as EventBridge documents: every field
 * of the pattern must match; a list matches a value equal to one of its entries (or, for an array
 * value, sharing one); an entry may be {@code prefix}, {@code suffix}, {@code exists} or
 * {@code anything-but}. References in patterns ({@code !Ref LandingBucket}) resolve to local names.
 */
public final class LocalEventBus {

    private static final Set<String> INTRINSICS = Set.of("Ref", "Fn::Sub", "Fn::GetAtt");

    private final SamTemplate template;
    private final LocalResources resources;

    public LocalEventBus(SamTemplate template, LocalResources resources) {
        this.template = template;
        this.resources = resources;
    }

    /** The logical ids of the functions the event goes to, in template order. */
    public List<String> targets(JsonNode event) {
        List<String> targets = new ArrayList<>();
        for (SamFunction function : template.functions().values()) {
            if (function.eventPatterns().stream().anyMatch(pattern -> matches(pattern, event))) {
                targets.add(function.logicalId());
            }
        }
        return targets;
    }

    private boolean matches(Map<String, Object> pattern, JsonNode event) {
        for (Map.Entry<String, Object> field : pattern.entrySet()) {
            JsonNode value = event == null ? null : event.get(field.getKey());
            if (field.getValue() instanceof Map<?, ?> nested && !isIntrinsic(nested)) {
                if (value == null || !value.isObject() || !matches(fields(nested), value)) {
                    return false;
                }
            } else if (field.getValue() instanceof List<?> entries) {
                if (!anyEntryMatches(entries, value)) {
                    return false;
                }
            } else {
                throw new IllegalStateException("an event pattern field must be an object or a list: " + field);
            }
        }
        return true;
    }

    private boolean anyEntryMatches(List<?> entries, JsonNode value) {
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> operator && !isIntrinsic(operator)) {
                if (operatorMatches(fields(operator), value)) {
                    return true;
                }
            } else if (value != null && value.isArray()) {
                for (JsonNode element : value) {
                    if (equal(entry, element)) {
                        return true;
                    }
                }
            } else if (value != null && equal(entry, value)) {
                return true;
            }
        }
        return false;
    }

    private boolean operatorMatches(Map<String, Object> operator, JsonNode value) {
        if (operator.size() != 1) {
            throw new IllegalStateException("an event pattern operator has one field: " + operator);
        }
        Map.Entry<String, Object> only = operator.entrySet().iterator().next();
        Object operand = only.getValue();
        return switch (only.getKey()) {
            case "exists" -> (value != null) == Boolean.TRUE.equals(operand);
            case "prefix" ->
                value != null && value.isTextual() && value.asText().startsWith(text(operand));
            case "suffix" ->
                value != null && value.isTextual() && value.asText().endsWith(text(operand));
            case "anything-but" ->
                value != null && !anyEntryMatches(operand instanceof List<?> list ? list : List.of(operand), value);
            default ->
                throw new IllegalStateException(
                        "the local event bus does not support the pattern operator " + only.getKey());
        };
    }

    private boolean equal(Object entry, JsonNode value) {
        if (entry == null) {
            return value.isNull();
        }
        if (entry instanceof Number number) {
            return value.isNumber() && new BigDecimal(number.toString()).compareTo(value.decimalValue()) == 0;
        }
        if (entry instanceof Boolean flag) {
            return value.isBoolean() && value.asBoolean() == flag;
        }
        return value.isTextual() && value.asText().equals(text(entry));
    }

    private String text(Object value) {
        return resources.resolve(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Map<?, ?> value) {
        return (Map<String, Object>) value;
    }

    private static boolean isIntrinsic(Map<?, ?> value) {
        return value.size() == 1
                && INTRINSICS.contains(String.valueOf(value.keySet().iterator().next()));
    }
}

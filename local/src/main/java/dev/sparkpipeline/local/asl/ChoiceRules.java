package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates a Choice rule (JSONPath query language): every comparison operator, And, Or, Not; its
 * Variable and *Path operands may read the data, the context object and workflow variables.
 */
final class ChoiceRules {

    private ChoiceRules() {
    }

    static boolean matches(JsonNode rule, PathScope scope) {
        if (rule.has("And")) {
            for (JsonNode inner : rule.get("And")) {
                if (!matches(inner, scope)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode inner : rule.get("Or")) {
                if (matches(inner, scope)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.get("Not"), scope);
        }
        String variable = rule.path("Variable").asText();
        Iterator<Map.Entry<String, JsonNode>> fields = rule.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String operator = field.getKey();
            if (operator.equals("Variable") || operator.equals("Next") || operator.equals("Comment") || operator.equals("Assign")) {
                continue;
            }
            return compare(operator, variable, field.getValue(), scope);
        }
        throw new StatesError(StatesError.RUNTIME, "a Choice rule has no comparison: " + rule);
    }

    @SuppressWarnings("StatementSwitchToExpressionSwitch") // its default falls through to the comparisons below
    private static boolean compare(String operator, String variable, JsonNode operand, PathScope scope) {
        if (operator.equals("IsPresent")) {
            return scope.present(variable) == operand.asBoolean();
        }
        JsonNode value = scope.present(variable) ? scope.read(variable) : null;
        switch (operator) {
            case "IsNull":
                return (value != null && value.isNull()) == operand.asBoolean();
            case "IsNumeric":
                return (value != null && value.isNumber()) == operand.asBoolean();
            case "IsString":
                return (value != null && value.isTextual()) == operand.asBoolean();
            case "IsBoolean":
                return (value != null && value.isBoolean()) == operand.asBoolean();
            case "IsTimestamp":
                return (value != null && value.isTextual() && timestamp(value.asText()) != null) == operand.asBoolean();
            default:
                break;
        }
        if (value == null) {
            throw new StatesError(StatesError.RUNTIME, "Invalid path '" + variable + "': The choice state's condition path references an invalid value.");
        }
        String base = operator.endsWith("Path") ? operator.substring(0, operator.length() - 4) : operator;
        JsonNode other = operator.endsWith("Path") ? scope.read(operand.asText()) : operand;
        if (base.equals("StringMatches")) {
            return value.isTextual() && wildcard(other.asText()).matcher(value.asText()).matches();
        }
        int sign = base.startsWith("String") ? stringOrder(value, other)
                : base.startsWith("Numeric") ? numericOrder(value, other)
                : base.startsWith("Boolean") ? booleanOrder(value, other)
                : base.startsWith("Timestamp") ? timestampOrder(value, other)
                : unknown(operator);
        if (sign == Integer.MIN_VALUE) {
            return false;
        }
        String relation = base.replaceFirst("^(String|Numeric|Boolean|Timestamp)", "");
        return switch (relation) {
            case "Equals" -> sign == 0;
            case "LessThan" -> sign < 0;
            case "GreaterThan" -> sign > 0;
            case "LessThanEquals" -> sign <= 0;
            case "GreaterThanEquals" -> sign >= 0;
            default -> unknown(operator) == 0;
        };
    }

    /** Integer.MIN_VALUE when the types do not compare (the rule is then false, as in Step Functions). */
    private static int stringOrder(JsonNode a, JsonNode b) {
        return a.isTextual() && b.isTextual() ? Integer.signum(a.asText().compareTo(b.asText())) : Integer.MIN_VALUE;
    }

    private static int numericOrder(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() ? new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText())) : Integer.MIN_VALUE;
    }

    private static int booleanOrder(JsonNode a, JsonNode b) {
        return a.isBoolean() && b.isBoolean() ? Boolean.compare(a.asBoolean(), b.asBoolean()) : Integer.MIN_VALUE;
    }

    private static int timestampOrder(JsonNode a, JsonNode b) {
        OffsetDateTime x = a.isTextual() ? timestamp(a.asText()) : null;
        OffsetDateTime y = b.isTextual() ? timestamp(b.asText()) : null;
        return x != null && y != null ? Integer.signum(x.toInstant().compareTo(y.toInstant())) : Integer.MIN_VALUE;
    }

    static OffsetDateTime timestamp(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** StringMatches: {@code *} is any run of characters; {@code \\*} is a literal star. */
    private static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static int unknown(String operator) {
        throw new StatesError(StatesError.RUNTIME, "unknown Choice operator " + operator);
    }
}

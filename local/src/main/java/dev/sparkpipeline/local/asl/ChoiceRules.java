package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Evaluates a parsed Choice rule's {@link Condition}: its Variable and {@code ...Path} operands may
 * read the data, the context object and workflow variables.
 */
final class ChoiceRules {

    private ChoiceRules() {}

    static boolean matches(Condition condition, PathScope scope) {
        if (condition instanceof Condition.And and) {
            return and.conditions().stream().allMatch(inner -> matches(inner, scope));
        }
        if (condition instanceof Condition.Or or) {
            return or.conditions().stream().anyMatch(inner -> matches(inner, scope));
        }
        if (condition instanceof Condition.Not not) {
            return !matches(not.condition(), scope);
        }
        if (condition instanceof Condition.TypeTest test) {
            if (test.type() == Condition.TypeTest.Type.PRESENT) {
                return scope.present(test.variable()) == test.expected();
            }
            JsonNode value = valueOrNull(test.variable(), scope);
            return (value != null && test.type().test(value)) == test.expected();
        }
        if (condition instanceof Condition.StringMatches matches) {
            JsonNode value = value(matches.variable(), scope);
            return value.isTextual() && matches.regex().matcher(value.asText()).matches();
        }
        if (condition instanceof Condition.Comparison comparison) {
            return compare(comparison, scope);
        }
        throw new IllegalStateException("a Condition type this evaluator does not know: " + condition);
    }

    /** False when either side is not of the operator's family, as in Step Functions. */
    private static boolean compare(Condition.Comparison comparison, PathScope scope) {
        JsonNode value = value(comparison.variable(), scope);
        JsonNode other = comparison.operand() instanceof Condition.Operand.AtPath path
                ? scope.read(path.path())
                : ((Condition.Operand.Literal) comparison.operand()).value();
        Condition.Family family = comparison.operator().family();
        return family.accepts(value)
                && family.accepts(other)
                && comparison.operator().relation().holds(family.compare(value, other));
    }

    private static JsonNode valueOrNull(String variable, PathScope scope) {
        return scope.present(variable) ? scope.read(variable) : null;
    }

    /** What a comparison reads: a Variable that matches nothing fails the execution. */
    private static JsonNode value(String variable, PathScope scope) {
        JsonNode value = valueOrNull(variable, scope);
        if (value == null) {
            throw new StatesError(
                    StatesError.RUNTIME,
                    "Invalid path '" + variable + "': The choice state's condition path references an invalid value.");
        }
        return value;
    }

    static OffsetDateTime timestamp(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

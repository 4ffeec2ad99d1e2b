package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The test of a Choice rule (JSONPath query language), parsed from the definition once: And, Or,
 * Not, a type test ({@code IsNull}, {@code IsPresent}...), {@code StringMatches}, or a comparison of
 * a family (String, Numeric, Boolean, Timestamp) with a literal or with the value at a path.
 * {@link ChoiceRules} evaluates it.
 */
public sealed interface Condition {

    /** True when every one of {@code conditions} is. */
    record And(List<Condition> conditions) implements Condition {
        public And {
            conditions = List.copyOf(conditions);
        }
    }

    /** True when any one of {@code conditions} is. */
    record Or(List<Condition> conditions) implements Condition {
        public Or {
            conditions = List.copyOf(conditions);
        }
    }

    /** True when {@code condition} is not. */
    record Not(Condition condition) implements Condition {
        public Not {
            Objects.requireNonNull(condition, "condition");
        }
    }

    /**
     * {@code IsNull}, {@code IsPresent}, {@code IsNumeric}, {@code IsString}, {@code IsBoolean} or
     * {@code IsTimestamp}: true when what {@code variable} holds is of the type as {@code expected} says.
     *
     * @param variable the path tested
     * @param type     the test
     * @param expected the operand: true tests that it is, false that it is not
     */
    record TypeTest(String variable, Type type, boolean expected) implements Condition {

        /** The type tests, by their ASL operator names. */
        public enum Type {
            NULL("IsNull", JsonNode::isNull),
            PRESENT("IsPresent", value -> true),
            NUMERIC("IsNumeric", JsonNode::isNumber),
            STRING("IsString", JsonNode::isTextual),
            BOOLEAN("IsBoolean", JsonNode::isBoolean),
            TIMESTAMP("IsTimestamp", value -> value.isTextual() && ChoiceRules.timestamp(value.asText()) != null);

            private static final Map<String, Type> BY_NAME =
                    Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Type::operator, type -> type));

            private final String operator;
            // Stateless lambdas over their argument: the enum stays immutable in fact.
            @SuppressWarnings("ImmutableEnumChecker")
            private final Predicate<JsonNode> test;

            Type(String operator, Predicate<JsonNode> test) {
                this.operator = operator;
                this.test = test;
            }

            /** The ASL operator name, {@code IsNull}... */
            public String operator() {
                return operator;
            }

            /** Whether a value that is present has this type. */
            public boolean test(JsonNode value) {
                return test.test(value);
            }

            /** The type test of this operator name. */
            public static Optional<Type> named(String operator) {
                return Optional.ofNullable(BY_NAME.get(operator));
            }
        }
    }

    /**
     * {@code StringMatches}: the string {@code variable} holds matches {@code wildcard}, where
     * {@code *} is any run of characters and {@code \*} a literal star.
     *
     * @param variable the path tested
     * @param wildcard the pattern as the definition gives it
     * @param regex    {@code wildcard} compiled
     */
    record StringMatches(String variable, String wildcard, Pattern regex) implements Condition {

        public StringMatches(String variable, String wildcard) {
            this(variable, wildcard, compile(wildcard));
        }

        private static Pattern compile(String wildcard) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < wildcard.length(); i++) {
                char c = wildcard.charAt(i);
                if (c == '\\' && i + 1 < wildcard.length()) {
                    regex.append(Pattern.quote(String.valueOf(wildcard.charAt(++i))));
                } else if (c == '*') {
                    regex.append(".*");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }
    }

    /**
     * A comparison such as {@code NumericLessThan} or {@code StringEqualsPath}: what {@code variable}
     * holds against the operand. It is false when either side is not of the operator's family.
     *
     * @param variable the path compared
     * @param operator the comparison
     * @param operand  a literal (checked to be of the family at load) or a path ({@code ...Path} operators)
     */
    record Comparison(String variable, Operator operator, Operand operand) implements Condition {}

    /** The right-hand side of a comparison. */
    sealed interface Operand {

        /** A literal from the definition, of the operator's family. */
        record Literal(JsonNode value) implements Operand {}

        /** A path read when the rule is evaluated (the {@code ...Path} operators). */
        record AtPath(String path) implements Operand {}
    }

    /** The types values are compared as: each knows which values it accepts and how they order. */
    enum Family {
        STRING("String", "a string"),
        NUMERIC("Numeric", "a number"),
        BOOLEAN("Boolean", "a boolean"),
        TIMESTAMP("Timestamp", "an ISO-8601 timestamp string");

        private final String prefix;
        private final String description;

        Family(String prefix, String description) {
            this.prefix = prefix;
            this.description = description;
        }

        /** What a literal operand of this family must be, for messages. */
        public String description() {
            return description;
        }

        /** Whether {@code value} is of this family (else a comparison of it is false). */
        public boolean accepts(JsonNode value) {
            return switch (this) {
                case STRING -> value.isTextual();
                case NUMERIC -> value.isNumber();
                case BOOLEAN -> value.isBoolean();
                case TIMESTAMP -> value.isTextual() && ChoiceRules.timestamp(value.asText()) != null;
            };
        }

        /** The order of two values this family {@link #accepts}: negative, zero or positive. */
        public int compare(JsonNode a, JsonNode b) {
            return switch (this) {
                case STRING -> a.asText().compareTo(b.asText());
                case NUMERIC -> new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()));
                case BOOLEAN -> Boolean.compare(a.asBoolean(), b.asBoolean());
                case TIMESTAMP -> instant(a).compareTo(instant(b));
            };
        }

        private static Instant instant(JsonNode value) {
            return ChoiceRules.timestamp(value.asText()).toInstant();
        }
    }

    /** How two values of a family must order for a comparison to hold. */
    enum Relation {
        EQUALS("Equals", order -> order == 0),
        LESS_THAN("LessThan", order -> order < 0),
        GREATER_THAN("GreaterThan", order -> order > 0),
        LESS_THAN_EQUALS("LessThanEquals", order -> order <= 0),
        GREATER_THAN_EQUALS("GreaterThanEquals", order -> order >= 0);

        private final String suffix;
        // Stateless lambdas over their argument: the enum stays immutable in fact.
        @SuppressWarnings("ImmutableEnumChecker")
        private final IntPredicate holds;

        Relation(String suffix, IntPredicate holds) {
            this.suffix = suffix;
            this.holds = holds;
        }

        /** Whether the relation holds for an order from {@link Family#compare}. */
        public boolean holds(int order) {
            return holds.test(order);
        }
    }

    /**
     * A comparison operator of ASL: a family and a relation, named by both ({@code NumericLessThan}),
     * each also with a {@code ...Path} form. Every family has every relation but Boolean, which has
     * only {@code BooleanEquals}.
     */
    record Operator(Family family, Relation relation) {

        private static final Map<String, Operator> BY_NAME = Arrays.stream(Family.values())
                .flatMap(family -> Arrays.stream(Relation.values())
                        .filter(relation -> exists(family, relation))
                        .map(relation -> new Operator(family, relation)))
                .collect(Collectors.toUnmodifiableMap(Operator::operator, operator -> operator));

        public Operator {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(relation, "relation");
            if (!exists(family, relation)) {
                throw new IllegalArgumentException("ASL has no operator " + family.prefix + relation.suffix);
            }
        }

        private static boolean exists(Family family, Relation relation) {
            return family != Family.BOOLEAN || relation == Relation.EQUALS;
        }

        /** The ASL name of the literal form, {@code NumericLessThan}; the path form adds {@code Path}. */
        public String operator() {
            return family.prefix + relation.suffix;
        }

        /** The operator of a literal-form name ({@code StringEquals}, not {@code StringEqualsPath}). */
        public static Optional<Operator> named(String operator) {
            return Optional.ofNullable(BY_NAME.get(operator));
        }
    }
}

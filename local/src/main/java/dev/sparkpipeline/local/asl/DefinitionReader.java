package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a definition's JSON into a {@link StateMachineDefinition}, checking it as Step Functions does
 * when a state machine is created: each state's Type and fields (ASL has no optional extras, so an
 * unknown field is a typo), their types, paths and payload templates, Next or End, the Choice rules
 * and their operators, Retry and Catch. The first problem found is thrown as {@link InvalidDefinition}.
 */
final class DefinitionReader {

    private static final Set<String> MACHINE_FIELDS =
            Set.of("Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage");
    private static final Set<String> BRANCH_FIELDS = Set.of("Comment", "StartAt", "States", "QueryLanguage");
    private static final Set<String> PROCESSOR_FIELDS =
            Set.of("Comment", "StartAt", "States", "QueryLanguage", "ProcessorConfig");
    private static final Set<String> RETRIER_FIELDS = Set.of(
            "ErrorEquals",
            "IntervalSeconds",
            "MaxAttempts",
            "BackoffRate",
            "MaxDelaySeconds",
            "JitterStrategy",
            "Comment");
    private static final Set<String> CATCHER_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Assign", "Comment");
    /** The fields of an {@link Outcome}, which Task, Parallel and Map share. */
    private static final List<String> OUTCOME_FIELDS =
            List.of("ResultSelector", "ResultPath", "OutputPath", "Assign", "Retry", "Catch", "Next", "End");

    private static final Map<String, Set<String>> STATE_FIELDS = Map.of(
            "Task",
                    workingFields(
                            "Resource",
                            "InputPath",
                            "Parameters",
                            "TimeoutSeconds",
                            "TimeoutSecondsPath",
                            "HeartbeatSeconds",
                            "HeartbeatSecondsPath",
                            "Credentials"),
            "Pass", fields("InputPath", "Parameters", "Result", "ResultPath", "OutputPath", "Assign", "Next", "End"),
            "Choice", fields("InputPath", "Choices", "Default", "OutputPath", "Assign"),
            "Wait",
                    fields(
                            "InputPath",
                            "Seconds",
                            "SecondsPath",
                            "Timestamp",
                            "TimestampPath",
                            "OutputPath",
                            "Assign",
                            "Next",
                            "End"),
            "Succeed", fields("InputPath", "OutputPath"),
            "Fail", fields("Error", "ErrorPath", "Cause", "CausePath"),
            "Parallel", workingFields("InputPath", "Parameters", "Branches"),
            "Map",
                    workingFields(
                            "InputPath",
                            "ItemsPath",
                            "ItemSelector",
                            "Parameters",
                            "ItemProcessor",
                            "Iterator",
                            "MaxConcurrency",
                            "MaxConcurrencyPath"));
    /** Valid ASL that only a distributed Map has: refused by name rather than run as if inline. */
    private static final Set<String> DISTRIBUTED_MAP_FIELDS = Set.of(
            "ItemReader",
            "ItemBatcher",
            "ResultWriter",
            "Label",
            "ToleratedFailureCount",
            "ToleratedFailureCountPath",
            "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath");

    private static final List<String> WAIT_FIELDS = List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath");
    private static final List<String> COMBINATORS = List.of("And", "Or", "Not");
    /** The largest number Step Functions takes in its seconds and attempts fields. */
    private static final long MAX = 99_999_999;

    private static final int MAX_NAME_LENGTH = 80;
    private static final String JSONATA = "the JSONata query language is not supported; use JSONPath";

    /** Every state name read so far: names are unique across a definition, its branches included. */
    private final Set<String> names = new HashSet<>();

    private DefinitionReader() {}

    static StateMachineDefinition read(JsonNode definition) {
        return new DefinitionReader().machine(new Fields(null, "", definition), MACHINE_FIELDS, "state machine");
    }

    /** The definition, a Parallel branch or a Map's item processor. */
    private StateMachineDefinition machine(Fields f, Set<String> known, String what) {
        if (f.node == null || !f.node.isObject()) {
            throw f.invalidHere("a " + what + " definition is a JSON object");
        }
        queryLanguage(f);
        onlyKnown(f, known, what + " definition");
        String comment = optionalString(f, "Comment");
        optionalString(f, "Version");
        Long timeoutSeconds = integer(f, "TimeoutSeconds", 1, MAX, "a positive integer");
        if (f.has("ProcessorConfig")) {
            processorConfig(f.child("ProcessorConfig"));
        }
        String startAt = string(f, "StartAt");
        JsonNode states = f.get("States");
        if (states == null || !states.isObject()) {
            throw f.invalid("States", "is required: an object of the states by name");
        }
        Map<String, State> parsed = new LinkedHashMap<>();
        states.fields().forEachRemaining(state -> parsed.put(state.getKey(), state(state.getKey(), state.getValue())));
        try {
            return new StateMachineDefinition(startAt, parsed, timeoutSeconds, comment);
        } catch (InvalidDefinition invalid) {
            throw f.state == null ? invalid : invalid.within(f.state, f.at);
        }
    }

    private State state(String name, JsonNode node) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new InvalidDefinition(name, null, "a state's name has 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (!names.add(name)) {
            throw new InvalidDefinition(
                    name,
                    null,
                    "another state has this name; names are unique in a definition,"
                            + " its branches and item processors included");
        }
        if (!node.isObject()) {
            throw new InvalidDefinition(name, null, "a state is a JSON object");
        }
        Fields f = new Fields(name, "", node);
        String type = string(f, "Type");
        Set<String> known = STATE_FIELDS.get(type);
        if (known == null) {
            throw f.invalid(
                    "Type",
                    "unknown state type \"" + type
                            + "\"; one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map");
        }
        queryLanguage(f);
        onlyKnown(f, known, type + " state");
        optionalString(f, "Comment");
        return switch (type) {
            case "Task" -> task(f);
            case "Pass" ->
                new PassState(
                        dataPath(f, "InputPath"),
                        template(f, "Parameters"),
                        f.get("Result"),
                        resultPath(f, "ResultPath"),
                        dataPath(f, "OutputPath"),
                        assign(f),
                        next(f));
            case "Choice" -> choice(f);
            case "Wait" -> waitState(f);
            case "Succeed" -> new SucceedState(dataPath(f, "InputPath"), dataPath(f, "OutputPath"));
            case "Fail" -> fail(f);
            case "Parallel" -> parallel(f);
            default -> map(f);
        };
    }

    private static TaskState task(Fields f) {
        exclusive(f, "TimeoutSeconds", "TimeoutSecondsPath");
        exclusive(f, "HeartbeatSeconds", "HeartbeatSecondsPath");
        String resource = string(f, "Resource");
        Long timeout = integer(f, "TimeoutSeconds", 1, MAX, "a positive integer");
        Long heartbeat = integer(f, "HeartbeatSeconds", 1, MAX, "a positive integer");
        if (timeout != null && heartbeat != null && heartbeat >= timeout) {
            throw f.invalid("HeartbeatSeconds", "must be less than TimeoutSeconds");
        }
        // Credentials (a role to assume) is checked as the template it is and not kept: in-process tasks assume none.
        template(f, "Credentials");
        return new TaskState(
                resource,
                dataPath(f, "InputPath"),
                template(f, "Parameters"),
                timeout,
                path(f, "TimeoutSecondsPath"),
                heartbeat,
                path(f, "HeartbeatSecondsPath"),
                outcome(f));
    }

    /** The fields Task, Parallel and Map share, read after each state's own. */
    private static Outcome outcome(Fields f) {
        return new Outcome(
                template(f, "ResultSelector"),
                resultPath(f, "ResultPath"),
                dataPath(f, "OutputPath"),
                assign(f),
                retry(f),
                catchers(f),
                next(f));
    }

    private static ChoiceState choice(Fields f) {
        List<ChoiceRule> rules = nonEmptyArray(
                f, "Choices", "is required: a non-empty array of Choice rules", DefinitionReader::choiceRule);
        return new ChoiceState(
                dataPath(f, "InputPath"), rules, optionalString(f, "Default"), dataPath(f, "OutputPath"), assign(f));
    }

    private static ChoiceRule choiceRule(Fields rule) {
        if (!rule.node.isObject()) {
            throw rule.invalidHere("a Choice rule is a JSON object");
        }
        if (!rule.has("Next")) {
            throw rule.invalid("Next", "is required: a top-level Choice rule names the state it goes to");
        }
        String next = string(rule, "Next");
        return new ChoiceRule(condition(rule, true), assign(rule), next);
    }

    private static Condition condition(Fields rule, boolean topLevel) {
        if (!rule.node.isObject()) {
            throw rule.invalidHere("a Choice rule is a JSON object");
        }
        if (!topLevel) {
            for (String field : List.of("Next", "Assign")) {
                if (rule.has(field)) {
                    throw rule.invalid(field, "only a top-level Choice rule has a " + field);
                }
            }
        }
        List<String> tests = new ArrayList<>();
        rule.node.fieldNames().forEachRemaining(field -> {
            if (!field.equals("Comment") && !field.equals("Next") && !field.equals("Assign")) {
                tests.add(field);
            }
        });
        String combinator =
                tests.stream().filter(COMBINATORS::contains).findFirst().orElse(null);
        if (combinator != null) {
            for (String other : tests) {
                if (!other.equals(combinator)) {
                    throw rule.invalid(other, "a rule with " + combinator + " has no other test");
                }
            }
            return combination(rule, combinator);
        }
        List<String> operators =
                tests.stream().filter(field -> !field.equals("Variable")).toList();
        for (String operator : operators) {
            if (!isOperator(operator)) {
                throw rule.invalid(operator, "unknown Choice operator");
            }
        }
        if (operators.isEmpty()) {
            throw rule.invalidHere("a Choice rule needs a comparison operator (with a Variable), or And, Or, Not");
        }
        if (operators.size() > 1) {
            throw rule.invalid(
                    operators.get(1),
                    "a Choice rule has one comparison operator; this one already has " + operators.get(0));
        }
        if (!rule.has("Variable")) {
            throw rule.invalid("Variable", "is required with " + operators.get(0));
        }
        return comparison(rule, path(rule, "Variable"), operators.get(0));
    }

    private static Condition combination(Fields rule, String combinator) {
        if (combinator.equals("Not")) {
            return new Condition.Not(condition(rule.child("Not"), false));
        }
        List<Condition> conditions = nonEmptyArray(
                rule, combinator, "must be a non-empty array of Choice rules", inner -> condition(inner, false));
        return combinator.equals("And") ? new Condition.And(conditions) : new Condition.Or(conditions);
    }

    private static boolean isOperator(String name) {
        String literal = name.endsWith("Path") ? name.substring(0, name.length() - "Path".length()) : name;
        return Condition.TypeTest.Type.named(name).isPresent()
                || name.equals("StringMatches")
                || Condition.Operator.named(literal).isPresent();
    }

    private static Condition comparison(Fields rule, String variable, String name) {
        JsonNode operand = rule.get(name);
        var typeTest = Condition.TypeTest.Type.named(name);
        if (typeTest.isPresent()) {
            if (!operand.isBoolean()) {
                throw rule.invalid(name, "must be true or false");
            }
            return new Condition.TypeTest(variable, typeTest.get(), operand.asBoolean());
        }
        if (name.equals("StringMatches")) {
            if (!operand.isTextual()) {
                throw rule.invalid(name, "must be a string");
            }
            return new Condition.StringMatches(variable, operand.asText());
        }
        var literal = Condition.Operator.named(name);
        if (literal.isPresent()) {
            Condition.Family family = literal.get().family();
            if (!family.accepts(operand)) {
                throw rule.invalid(name, "must be " + family.description());
            }
            return new Condition.Comparison(variable, literal.get(), new Condition.Operand.Literal(operand));
        }
        var atPath = Condition.Operator.named(name.substring(0, name.length() - "Path".length()))
                .orElseThrow();
        return new Condition.Comparison(variable, atPath, new Condition.Operand.AtPath(path(rule, name)));
    }

    private static WaitState waitState(Fields f) {
        List<String> given = WAIT_FIELDS.stream().filter(f::has).toList();
        if (given.isEmpty()) {
            throw f.invalid("Seconds", "a Wait state needs one of Seconds, SecondsPath, Timestamp, TimestampPath");
        }
        if (given.size() > 1) {
            throw f.invalid(
                    given.get(1),
                    "a Wait state has one of Seconds, SecondsPath, Timestamp, TimestampPath;" + " this one already has "
                            + given.get(0));
        }
        WaitState.Delay delay = switch (given.get(0)) {
            case "Seconds" -> new WaitState.Seconds(integer(f, "Seconds", 0, MAX, "a non-negative integer"));
            case "SecondsPath" -> new WaitState.SecondsPath(path(f, "SecondsPath"));
            case "Timestamp" -> new WaitState.Timestamp(timestamp(f, "Timestamp"));
            default -> new WaitState.TimestampPath(path(f, "TimestampPath"));
        };
        return new WaitState(dataPath(f, "InputPath"), delay, dataPath(f, "OutputPath"), assign(f), next(f));
    }

    private static FailState fail(Fields f) {
        exclusive(f, "Error", "ErrorPath");
        exclusive(f, "Cause", "CausePath");
        return new FailState(
                optionalString(f, "Error"),
                pathOrIntrinsic(f, "ErrorPath"),
                optionalString(f, "Cause"),
                pathOrIntrinsic(f, "CausePath"));
    }

    private ParallelState parallel(Fields f) {
        List<StateMachineDefinition> parsed = nonEmptyArray(
                f,
                "Branches",
                "is required: a non-empty array of branch definitions",
                branch -> machine(branch, BRANCH_FIELDS, "branch"));
        return new ParallelState(dataPath(f, "InputPath"), template(f, "Parameters"), parsed, outcome(f));
    }

    private MapState map(Fields f) {
        exclusive(f, "ItemProcessor", "Iterator");
        exclusive(f, "ItemSelector", "Parameters");
        exclusive(f, "MaxConcurrency", "MaxConcurrencyPath");
        StateMachineDefinition processor;
        if (f.has("ItemProcessor")) {
            processor = machine(f.child("ItemProcessor"), PROCESSOR_FIELDS, "item processor");
        } else if (f.has("Iterator")) {
            processor = machine(f.child("Iterator"), BRANCH_FIELDS, "item processor");
        } else {
            throw f.invalid("ItemProcessor", "is required: the definition each item runs");
        }
        String itemsPath = f.has("ItemsPath") ? path(f, "ItemsPath") : "$";
        JsonNode selector = f.has("ItemSelector") ? template(f, "ItemSelector") : template(f, "Parameters");
        Long maxConcurrency = integer(f, "MaxConcurrency", 0, MAX, "a non-negative integer");
        return new MapState(
                dataPath(f, "InputPath"),
                itemsPath,
                selector,
                processor,
                maxConcurrency == null ? 0 : maxConcurrency,
                path(f, "MaxConcurrencyPath"),
                outcome(f));
    }

    private static void processorConfig(Fields config) {
        if (!config.node.isObject()) {
            throw config.invalidHere("must be an object");
        }
        onlyKnown(config, Set.of("Mode", "ExecutionType"), "ProcessorConfig");
        String mode = optionalString(config, "Mode");
        if ("DISTRIBUTED".equals(mode)) {
            throw config.invalid("Mode", "a distributed Map is not supported by the local interpreter");
        }
        if (mode != null && !mode.equals("INLINE")) {
            throw config.invalid("Mode", "must be INLINE or DISTRIBUTED");
        }
    }

    private static List<Retrier> retry(Fields f) {
        return errorHandlers(f, "Retry", "retrier", RETRIER_FIELDS, DefinitionReader::retrier);
    }

    private static List<Catcher> catchers(Fields f) {
        return errorHandlers(f, "Catch", "catcher", CATCHER_FIELDS, DefinitionReader::catcher);
    }

    /**
     * Retry and Catch alike: an optional array of objects, each with only its known fields and an
     * ErrorEquals ({@code States.ALL} only in the last), read on by {@code handler}.
     */
    private static <T> List<T> errorHandlers(
            Fields f, String name, String what, Set<String> known, BiFunction<Fields, List<String>, T> handler) {
        List<T> handlers = new ArrayList<>();
        JsonNode array = array(f, name, what + "s");
        for (int i = 0; i < array.size(); i++) {
            Fields h = f.element(name, i);
            if (!h.node.isObject()) {
                throw h.invalidHere("a " + what + " is a JSON object");
            }
            onlyKnown(h, known, what);
            handlers.add(handler.apply(h, errorEquals(h, i == array.size() - 1, what)));
        }
        return handlers;
    }

    private static Retrier retrier(Fields r, List<String> errors) {
        Long interval = integer(r, "IntervalSeconds", 1, MAX, "a positive integer");
        Long attempts = integer(r, "MaxAttempts", 0, MAX, "an integer from 0 to " + MAX);
        Long maxDelay = integer(r, "MaxDelaySeconds", 1, MAX, "a positive integer");
        double backoff = Retrier.DEFAULT_BACKOFF_RATE;
        if (r.has("BackoffRate")) {
            if (!r.get("BackoffRate").isNumber() || r.get("BackoffRate").asDouble() < 1.0) {
                throw r.invalid("BackoffRate", "must be a number of at least 1.0");
            }
            backoff = r.get("BackoffRate").asDouble();
        }
        Retrier.JitterStrategy jitter = Retrier.JitterStrategy.NONE;
        String strategy = optionalString(r, "JitterStrategy");
        if (strategy != null) {
            if (!strategy.equals("FULL") && !strategy.equals("NONE")) {
                throw r.invalid("JitterStrategy", "must be FULL or NONE");
            }
            jitter = Retrier.JitterStrategy.valueOf(strategy);
        }
        return new Retrier(
                errors,
                interval == null ? Retrier.DEFAULT_INTERVAL_SECONDS : interval,
                attempts == null ? Retrier.DEFAULT_MAX_ATTEMPTS : attempts.intValue(),
                backoff,
                maxDelay,
                jitter);
    }

    private static Catcher catcher(Fields c, List<String> errors) {
        if (!c.has("Next")) {
            throw c.invalid("Next", "is required: a catcher names the state it goes to");
        }
        return new Catcher(errors, resultPath(c, "ResultPath"), assign(c), string(c, "Next"));
    }

    private static List<String> errorEquals(Fields f, boolean last, String what) {
        JsonNode names = f.get("ErrorEquals");
        if (names == null || !names.isArray() || names.isEmpty()) {
            throw f.invalid("ErrorEquals", "is required: a non-empty array of error names");
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode name : names) {
            if (!name.isTextual()) {
                throw f.invalid("ErrorEquals", "must hold error names, strings");
            }
            errors.add(name.asText());
        }
        if (errors.contains(StatesError.ALL) && errors.size() > 1) {
            throw f.invalid("ErrorEquals", StatesError.ALL + " must be alone in its ErrorEquals");
        }
        if (errors.contains(StatesError.ALL) && !last) {
            throw f.invalid("ErrorEquals", StatesError.ALL + " must be in the last " + what);
        }
        return errors;
    }

    /** The state's next state, or null for {@code "End": true}. */
    private static String next(Fields f) {
        if (f.has("End") && f.has("Next")) {
            throw f.invalid("End", "a state has Next or End, not both");
        }
        if (f.has("End")) {
            if (!f.get("End").isBoolean() || !f.get("End").asBoolean()) {
                throw f.invalid("End", "must be true (a state that does not end the execution has a Next)");
            }
            return null;
        }
        if (!f.has("Next")) {
            throw f.invalid("Next", "is required: the state names the next one, or has \"End\": true");
        }
        return string(f, "Next");
    }

    private static void queryLanguage(Fields f) {
        String language = optionalString(f, "QueryLanguage");
        if ("JSONata".equals(language)) {
            throw f.invalid("QueryLanguage", JSONATA);
        }
        if (language != null && !language.equals("JSONPath")) {
            throw f.invalid("QueryLanguage", "must be JSONPath (JSONata is not supported)");
        }
    }

    private static void onlyKnown(Fields f, Set<String> known, String what) {
        f.node.fieldNames().forEachRemaining(field -> {
            if (known.contains(field)) {
                return;
            }
            if (what.equals("Map state") && DISTRIBUTED_MAP_FIELDS.contains(field)) {
                throw f.invalid(field, "belongs to a distributed Map, which the local interpreter does not support");
            }
            throw f.invalid(field, "is not a field of a " + what);
        });
    }

    private static void exclusive(Fields f, String one, String other) {
        if (f.has(one) && f.has(other)) {
            throw f.invalid(other, "a state has " + one + " or " + other + ", not both");
        }
    }

    /** Choices, Branches, And, Or: a required array of at least one element, each read by {@code element}. */
    private static <T> List<T> nonEmptyArray(Fields f, String name, String problem, Function<Fields, T> element) {
        JsonNode array = f.get(name);
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw f.invalid(name, problem);
        }
        List<T> elements = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            elements.add(element.apply(f.element(name, i)));
        }
        return elements;
    }

    private static JsonNode array(Fields f, String name, String what) {
        if (!f.has(name)) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!f.get(name).isArray()) {
            throw f.invalid(name, "must be an array of " + what);
        }
        return f.get(name);
    }

    private static String string(Fields f, String name) {
        if (!f.has(name)) {
            throw f.invalid(name, "is required");
        }
        return optionalString(f, name);
    }

    private static String optionalString(Fields f, String name) {
        if (!f.has(name)) {
            return null;
        }
        if (!f.get(name).isTextual()) {
            throw f.invalid(name, "must be a string");
        }
        return f.get(name).asText();
    }

    private static Long integer(Fields f, String name, long min, long max, String what) {
        if (!f.has(name)) {
            return null;
        }
        JsonNode value = f.get(name);
        if (!value.isNumber()
                || !value.canConvertToExactIntegral()
                || !value.canConvertToLong()
                || value.asLong() < min
                || value.asLong() > max) {
            throw f.invalid(name, "must be " + what + (max == MAX ? "" : " up to " + max));
        }
        return value.asLong();
    }

    private static OffsetDateTime timestamp(Fields f, String name) {
        var until = ChoiceRules.timestamp(optionalString(f, name));
        if (until == null) {
            throw f.invalid(name, "must be an ISO-8601 timestamp such as 2026-11-22T08:00:00Z");
        }
        return until;
    }

    /** A path the state reads ($..., $$..., $variable...), or null when the field is left out. */
    private static String path(Fields f, String name) {
        String path = optionalString(f, name);
        if (path != null && !PathScope.valid(path)) {
            throw f.invalid(name, "must be a JSONPath starting with $ (it is \"" + path + "\")");
        }
        return path;
    }

    /** ErrorPath and CausePath: a path or an intrinsic function. */
    private static String pathOrIntrinsic(Fields f, String name) {
        String expression = optionalString(f, name);
        if (expression != null && !Intrinsics.isCall(expression) && !PathScope.valid(expression)) {
            throw f.invalid(
                    name, "must be a JSONPath starting with $ or an intrinsic function (it is \"" + expression + "\")");
        }
        return expression;
    }

    /** InputPath or OutputPath. */
    private static DataPath dataPath(Fields f, String name) {
        if (!f.has(name)) {
            return DataPath.ROOT;
        }
        return f.get(name).isNull() ? DataPath.NONE : new DataPath(path(f, name));
    }

    /** A ResultPath: a reference path of field names under {@code $}, written into the input. */
    private static DataPath resultPath(Fields f, String name) {
        if (!f.has(name)) {
            return DataPath.ROOT;
        }
        if (f.get(name).isNull()) {
            return DataPath.NONE;
        }
        String path = optionalString(f, name);
        if (!JsonPaths.writable(path)) {
            throw f.invalid(
                    name, "must be null or a reference path of field names such as $.a.b (it is \"" + path + "\")");
        }
        return new DataPath(path);
    }

    /** Parameters, ResultSelector, ItemSelector: a payload template, or null when left out. */
    private static JsonNode template(Fields f, String name) {
        if (!f.has(name)) {
            return null;
        }
        if (f.get(name).isNull()) {
            throw f.invalid(name, "must be a payload template, not null");
        }
        checkTemplate(f, f.field(name), f.get(name));
        return f.get(name);
    }

    private static JsonNode assign(Fields f) {
        if (!f.has("Assign")) {
            return null;
        }
        if (!f.get("Assign").isObject()) {
            throw f.invalid("Assign", "must be an object of variable names to values");
        }
        return template(f, "Assign");
    }

    /** Every {@code "name.$"} holds a path or an intrinsic function, and no name is given both ways. */
    private static void checkTemplate(Fields f, String at, JsonNode template) {
        if (template.isArray()) {
            for (int i = 0; i < template.size(); i++) {
                checkTemplate(f, at + "[" + i + "]", template.get(i));
            }
            return;
        }
        if (!template.isObject()) {
            return;
        }
        template.fields().forEachRemaining(field -> {
            String name = field.getKey();
            String where = at + "." + name;
            if (!name.endsWith(".$")) {
                checkTemplate(f, where, field.getValue());
                return;
            }
            if (template.has(name.substring(0, name.length() - 2))) {
                throw new InvalidDefinition(f.state, where, "is given twice, with and without .$");
            }
            JsonNode expression = field.getValue();
            if (!expression.isTextual()
                    || (!Intrinsics.isCall(expression.asText()) && !PathScope.valid(expression.asText()))) {
                throw new InvalidDefinition(
                        f.state,
                        where,
                        "must be a JSONPath starting with $ or an intrinsic"
                                + " function, as its name ends in .$ (it is " + expression + ")");
            }
        });
    }

    private static Set<String> fields(String... specific) {
        return Stream.concat(Stream.of("Type", "Comment", "QueryLanguage"), Stream.of(specific))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A working state's fields: its own, then those of its {@link Outcome}. */
    private static Set<String> workingFields(String... own) {
        return fields(Stream.concat(Stream.of(own), OUTCOME_FIELDS.stream()).toArray(String[]::new));
    }

    /**
     * One JSON object of the definition and where it is: the state it belongs to (null for a
     * definition's own fields) and its place inside that state ({@code ""}, {@code Choices[2]}).
     */
    private record Fields(String state, String at, JsonNode node) {

        boolean has(String name) {
            return node.has(name);
        }

        JsonNode get(String name) {
            return node.get(name);
        }

        String field(String name) {
            return at.isEmpty() ? name : at + "." + name;
        }

        Fields child(String name) {
            return new Fields(state, field(name), node.get(name));
        }

        Fields element(String name, int index) {
            return new Fields(
                    state, field(name) + "[" + index + "]", node.get(name).get(index));
        }

        InvalidDefinition invalid(String name, String problem) {
            return new InvalidDefinition(state, field(name), problem);
        }

        InvalidDefinition invalidHere(String problem) {
            return new InvalidDefinition(state, at.isEmpty() ? null : at, problem);
        }
    }
}

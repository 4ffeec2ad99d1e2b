package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * An Amazon States Language interpreter (JSONPath query language) for any definition: Task,
 * Choice, Wait, Pass, Parallel, Map (inline), Succeed, Fail; InputPath, Parameters,
 * ResultSelector, ResultPath, OutputPath, the context object {@code $$}, workflow variables
 * ({@code Assign}, read as {@code $name}), the {@code States.*} intrinsics; Retry (IntervalSeconds,
 * MaxAttempts, BackoffRate, MaxDelaySeconds, JitterStrategy) and Catch in the documented matching
 * order; task and execution {@code TimeoutSeconds}.
 *
 * <p>{@code Assign} is evaluated when a state ends, every value with the variables as they were
 * before it (so two variables can swap), with {@code $} bound to: the result after ResultSelector
 * (Task, Map, Parallel), the result (Pass), the effective input (Choice rule or Default, Wait), the
 * error output (a Catcher's Assign). Branches and Map iterations read the variables around them;
 * what they assign stays inside them.
 *
 * <p>Branches and Map iterations run one after another: the outcome is the same, only the timing
 * differs. Not supported: JSONata, distributed Map, activities.
 */
public final class StateMachineInterpreter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The most a state's input, result or output may hold, in UTF-8 bytes (Step Functions quotas). */
    static final int PAYLOAD_LIMIT_BYTES = 262_144;

    private final JsonNode definition;
    private final TaskRunner tasks;
    private final ExecutionClock clock;
    private final Random random;

    /**
     * @param definition the state machine definition
     * @param tasks      runs Task resources
     * @param clock      real or virtual time
     * @param random     jitter and random intrinsics (a seeded one makes runs repeatable)
     */
    public StateMachineInterpreter(JsonNode definition, TaskRunner tasks, ExecutionClock clock, Random random) {
        if ("JSONata".equals(definition.path("QueryLanguage").asText())) {
            throw new IllegalArgumentException("the JSONata query language is not supported; use JSONPath");
        }
        this.definition = definition;
        this.tasks = tasks;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Runs one execution to its end.
     *
     * @throws IllegalArgumentException when the input is over the 262,144 bytes StartExecution accepts
     */
    public Execution run(String executionName, JsonNode input) {
        long size = utf8Size(input);
        if (size > PAYLOAD_LIMIT_BYTES) {
            throw new IllegalArgumentException("the execution input has " + size + " bytes; Step Functions accepts at most "
                    + PAYLOAD_LIMIT_BYTES);
        }
        Run run = new Run(executionName, input);
        run.event(HistoryEvent.Type.EXECUTION_STARTED, null, null);
        try {
            JsonNode output = run.machine(definition, input);
            run.event(HistoryEvent.Type.EXECUTION_SUCCEEDED, null, null);
            return new Execution("SUCCEEDED", output, null, null, run.history);
        } catch (TimedOut timedOut) {
            run.event(HistoryEvent.Type.EXECUTION_TIMED_OUT, null, null);
            return new Execution("TIMED_OUT", null, StatesError.TIMEOUT, "the execution ran longer than its TimeoutSeconds", run.history);
        } catch (StatesError failed) {
            run.event(HistoryEvent.Type.EXECUTION_FAILED, null, failed.error());
            return new Execution("FAILED", null, failed.error(), failed.cause(), run.history);
        }
    }

    /** The state of one execution while it runs. */
    private final class Run {
        private final List<HistoryEvent> history = new ArrayList<>();
        private final ObjectNode context = NODES.objectNode();
        private final Instant deadline;
        private Map<String, JsonNode> variables = new HashMap<>();

        Run(String name, JsonNode input) {
            Instant start = clock.now();
            ObjectNode execution = context.putObject("Execution");
            execution.put("Id", "arn:aws:states:local:000000000000:execution:local:" + name);
            execution.put("Name", name);
            execution.put("StartTime", start.toString());
            execution.set("Input", input);
            context.putObject("StateMachine").put("Id", "arn:aws:states:local:000000000000:stateMachine:local").put("Name", "local");
            deadline = definition.has("TimeoutSeconds") ? start.plusSeconds(definition.get("TimeoutSeconds").asLong()) : null;
        }

        void event(HistoryEvent.Type type, String state, String detail) {
            history.add(new HistoryEvent(type, state, clock.now(), detail));
        }

        /** A Parallel branch or a Map iteration: it sees the variables around it; its own stay inside. */
        JsonNode branch(JsonNode machine, JsonNode input) {
            Map<String, JsonNode> outer = variables;
            variables = new HashMap<>(outer);
            try {
                return machine(machine, input);
            } finally {
                variables = outer;
            }
        }

        JsonNode machine(JsonNode machine, JsonNode input) {
            JsonNode states = machine.path("States");
            String current = machine.path("StartAt").asText();
            JsonNode data = input;
            while (true) {
                JsonNode state = states.get(current);
                if (state == null) {
                    throw new StatesError(StatesError.RUNTIME, "no state named " + current);
                }
                checkDeadline();
                event(HistoryEvent.Type.STATE_ENTERED, current, null);
                ObjectNode stateContext = context.putObject("State");
                stateContext.put("Name", current).put("EnteredTime", clock.now().toString()).put("RetryCount", 0);
                Step step = state(current, state, data);
                withinLimit(step.output(), "the output of state " + current);
                event(HistoryEvent.Type.STATE_EXITED, current, null);
                if (step.next() == null) {
                    return step.output();
                }
                data = step.output();
                current = step.next();
            }
        }

        private Step state(String name, JsonNode state, JsonNode input) {
            String type = state.path("Type").asText();
            return switch (type) {
                case "Pass" -> pass(state, input);
                case "Task", "Parallel", "Map" -> withRetryAndCatch(name, state, input);
                case "Choice" -> choice(state, input);
                case "Wait" -> waitState(state, input);
                case "Succeed" -> new Step(null, outputPath(state, inputPath(state, input)));
                case "Fail" -> throw fail(state, input);
                default -> throw new StatesError(StatesError.RUNTIME, "unknown state type " + type + " in " + name);
            };
        }

        private Step pass(JsonNode state, JsonNode input) {
            JsonNode effective = inputPath(state, input);
            JsonNode result = state.has("Parameters") ? template(state.get("Parameters"), effective)
                    : state.has("Result") ? state.get("Result") : effective;
            assign(state.get("Assign"), result);
            return next(state, outputPath(state, resultPath(state, input, result)));
        }

        private Step choice(JsonNode state, JsonNode input) {
            JsonNode effective = inputPath(state, input);
            for (JsonNode rule : state.path("Choices")) {
                if (ChoiceRules.matches(rule, new PathScope(effective, context, variables))) {
                    assign(rule.get("Assign"), effective);
                    return new Step(rule.path("Next").asText(), outputPath(state, effective));
                }
            }
            if (state.has("Default")) {
                assign(state.get("Assign"), effective);
                return new Step(state.get("Default").asText(), outputPath(state, effective));
            }
            throw new StatesError(StatesError.NO_CHOICE_MATCHED, "no Choice rule matched and there is no Default");
        }

        private Step waitState(JsonNode state, JsonNode input) {
            JsonNode effective = inputPath(state, input);
            Duration wait;
            if (state.has("Seconds")) {
                wait = Duration.ofSeconds(state.get("Seconds").asLong());
            } else if (state.has("SecondsPath")) {
                JsonNode seconds = read(state.get("SecondsPath").asText(), effective);
                if (!seconds.canConvertToLong() || seconds.asLong() < 0) {
                    throw new StatesError(StatesError.RUNTIME, "SecondsPath must point to a non-negative integer");
                }
                wait = Duration.ofSeconds(seconds.asLong());
            } else {
                String text = state.has("Timestamp") ? state.get("Timestamp").asText()
                        : read(state.path("TimestampPath").asText(), effective).asText();
                var until = ChoiceRules.timestamp(text);
                if (until == null) {
                    throw new StatesError(StatesError.RUNTIME, "not an ISO-8601 timestamp: " + text);
                }
                wait = Duration.between(clock.now(), until.toInstant());
            }
            event(HistoryEvent.Type.WAIT_STARTED, context.path("State").path("Name").asText(), wait.toSeconds() + " s");
            if (!wait.isNegative() && !wait.isZero()) {
                if (deadline != null && clock.now().plus(wait).isAfter(deadline)) {
                    clock.sleep(Duration.between(clock.now(), deadline));
                    throw new TimedOut();
                }
                clock.sleep(wait);
            }
            assign(state.get("Assign"), effective);
            return next(state, outputPath(state, effective));
        }

        private StatesError fail(JsonNode state, JsonNode input) {
            String error = state.has("ErrorPath") ? read(state.get("ErrorPath").asText(), input).asText() : state.path("Error").asText(null);
            String cause = state.has("CausePath") ? text(read(state.get("CausePath").asText(), input)) : state.path("Cause").asText(null);
            return new StatesError(error, cause);
        }

        /** Task, Parallel and Map: the work, then Retry in order of the retriers, then Catch. */
        private Step withRetryAndCatch(String name, JsonNode state, JsonNode input) {
            int[] attempts = new int[state.path("Retry").size()];
            int retries = 0;
            while (true) {
                try {
                    JsonNode result = work(name, state, input);
                    if (state.has("ResultSelector")) {
                        result = template(state.get("ResultSelector"), result);
                    }
                    assign(state.get("Assign"), result);
                    return next(state, outputPath(state, resultPath(state, input, result)));
                } catch (StatesError failure) {
                    Duration delay = retryDelay(state.path("Retry"), attempts, failure);
                    if (delay != null) {
                        retries++;
                        ((ObjectNode) context.get("State")).put("RetryCount", retries);
                        if (deadline != null && clock.now().plus(delay).isAfter(deadline)) {
                            throw new TimedOut();
                        }
                        clock.sleep(delay);
                        continue;
                    }
                    for (JsonNode catcher : state.path("Catch")) {
                        if (matchesAny(catcher.path("ErrorEquals"), failure)) {
                            ObjectNode errorOutput = NODES.objectNode().put("Error", failure.error()).put("Cause", failure.cause());
                            assign(catcher.get("Assign"), errorOutput);
                            JsonNode output = catcher.has("ResultPath") && catcher.get("ResultPath").isNull() ? input
                                    : JsonPaths.write(input, catcher.path("ResultPath").asText("$"), errorOutput);
                            return new Step(catcher.path("Next").asText(), output);
                        }
                    }
                    throw failure;
                }
            }
        }

        private JsonNode work(String name, JsonNode state, JsonNode input) {
            JsonNode effective = inputPath(state, input);
            String type = state.path("Type").asText();
            if (type.equals("Parallel")) {
                JsonNode branchInput = state.has("Parameters") ? template(state.get("Parameters"), effective) : effective;
                ArrayNode results = NODES.arrayNode();
                for (JsonNode branch : state.path("Branches")) {
                    results.add(branch(branch, branchInput));
                }
                return results;
            }
            if (type.equals("Map")) {
                return map(state, effective);
            }
            JsonNode parameters = state.has("Parameters") ? template(state.get("Parameters"), effective) : effective;
            String resource = state.path("Resource").asText();
            event(HistoryEvent.Type.TASK_SCHEDULED, name, resource);
            event(HistoryEvent.Type.TASK_STARTED, name, null);
            Instant started = clock.now();
            try {
                JsonNode result = withinLimit(tasks.run(resource, parameters), "the result of state " + name);
                if (state.has("TimeoutSeconds")
                        && Duration.between(started, clock.now()).toSeconds() >= state.get("TimeoutSeconds").asLong()) {
                    throw new StatesError(StatesError.TIMEOUT, "the task ran longer than its TimeoutSeconds");
                }
                event(HistoryEvent.Type.TASK_SUCCEEDED, name, null);
                return result;
            } catch (StatesError failure) {
                event(HistoryEvent.Type.TASK_FAILED, name, failure.error());
                throw failure;
            }
        }

        private JsonNode map(JsonNode state, JsonNode effective) {
            JsonNode items = state.has("ItemsPath") ? read(state.get("ItemsPath").asText(), effective) : effective;
            if (!items.isArray()) {
                throw new StatesError(StatesError.RUNTIME, "ItemsPath must point to an array");
            }
            JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
            JsonNode selector = state.has("ItemSelector") ? state.get("ItemSelector") : state.get("Parameters");
            ArrayNode results = NODES.arrayNode();
            for (int i = 0; i < items.size(); i++) {
                context.putObject("Map").putObject("Item").put("Index", i).set("Value", items.get(i));
                JsonNode itemInput = selector != null ? template(selector, effective) : items.get(i);
                results.add(branch(processor, itemInput));
            }
            context.remove("Map");
            return results;
        }

        /** The delay before the next attempt, or null when no retrier allows one. */
        private Duration retryDelay(JsonNode retriers, int[] attempts, StatesError failure) {
            for (int i = 0; i < retriers.size(); i++) {
                JsonNode retrier = retriers.get(i);
                if (!matchesAny(retrier.path("ErrorEquals"), failure)) {
                    continue;
                }
                if (attempts[i] >= retrier.path("MaxAttempts").asInt(3)) {
                    return null;
                }
                double seconds = retrier.path("IntervalSeconds").asDouble(1)
                        * Math.pow(retrier.path("BackoffRate").asDouble(2.0), attempts[i]);
                if (retrier.has("MaxDelaySeconds")) {
                    seconds = Math.min(seconds, retrier.get("MaxDelaySeconds").asDouble());
                }
                if ("FULL".equals(retrier.path("JitterStrategy").asText())) {
                    seconds = seconds * random.nextDouble();
                }
                attempts[i]++;
                return Duration.ofMillis((long) (seconds * 1000));
            }
            return null;
        }

        private boolean matchesAny(JsonNode names, StatesError failure) {
            for (JsonNode name : names) {
                if (failure.matches(name.asText())) {
                    return true;
                }
            }
            return false;
        }

        /** Evaluates every value first, then stores them: a value sees the variables from before the state. */
        private void assign(JsonNode assign, JsonNode value) {
            if (assign == null) {
                return;
            }
            if (!assign.isObject()) {
                throw new StatesError(StatesError.RUNTIME, "Assign must be an object");
            }
            template(assign, value).fields().forEachRemaining(field -> variables.put(field.getKey(), field.getValue()));
        }

        private JsonNode template(JsonNode template, JsonNode input) {
            if (template.isObject()) {
                ObjectNode result = NODES.objectNode();
                Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (field.getKey().endsWith(".$")) {
                        result.set(field.getKey().substring(0, field.getKey().length() - 2), expression(field.getValue().asText(), input));
                    } else {
                        result.set(field.getKey(), template(field.getValue(), input));
                    }
                }
                return result;
            }
            if (template.isArray()) {
                ArrayNode result = NODES.arrayNode();
                template.forEach(item -> result.add(template(item, input)));
                return result;
            }
            return template;
        }

        private JsonNode expression(String expression, JsonNode input) {
            if (Intrinsics.isCall(expression)) {
                return Intrinsics.evaluate(expression, path -> read(path, input), random);
            }
            return read(expression, input);
        }

        /** A path into the input, the context object or a variable; missing is States.Runtime. */
        private JsonNode read(String path, JsonNode input) {
            return new PathScope(input, context, variables).read(path);
        }

        private JsonNode inputPath(JsonNode state, JsonNode input) {
            if (!state.has("InputPath")) {
                return input;
            }
            return state.get("InputPath").isNull() ? NODES.objectNode() : read(state.get("InputPath").asText(), input);
        }

        private JsonNode resultPath(JsonNode state, JsonNode input, JsonNode result) {
            if (!state.has("ResultPath")) {
                return result;
            }
            return state.get("ResultPath").isNull() ? input : JsonPaths.write(input, state.get("ResultPath").asText(), result);
        }

        private JsonNode outputPath(JsonNode state, JsonNode output) {
            if (!state.has("OutputPath")) {
                return output;
            }
            return state.get("OutputPath").isNull() ? NODES.objectNode() : read(state.get("OutputPath").asText(), output);
        }

        private Step next(JsonNode state, JsonNode output) {
            return new Step(state.path("End").asBoolean(false) ? null : state.path("Next").asText(), output);
        }

        private void checkDeadline() {
            if (deadline != null && !clock.now().isBefore(deadline)) {
                throw new TimedOut();
            }
        }
    }

    private static JsonNode withinLimit(JsonNode value, String what) {
        long size = utf8Size(value);
        if (size > PAYLOAD_LIMIT_BYTES) {
            throw new StatesError(StatesError.DATA_LIMIT_EXCEEDED, what + " has " + size + " bytes; Step Functions passes at most "
                    + PAYLOAD_LIMIT_BYTES + " between states");
        }
        return value;
    }

    private static long utf8Size(JsonNode value) {
        return value == null ? 0 : value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** What a state hands on: the next state's name (null at the end) and its output. */
    private record Step(String next, JsonNode output) {
    }

    /** The execution's TimeoutSeconds passed. */
    private static final class TimedOut extends RuntimeException {
        TimedOut() {
            super(null, null, false, false);
        }
    }
}

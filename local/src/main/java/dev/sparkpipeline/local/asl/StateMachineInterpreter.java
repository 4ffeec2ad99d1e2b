package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * An Amazon States Language interpreter (JSONPath query language) for any definition: Task,
 * Choice, Wait, Pass, Parallel, Map (inline), Succeed, Fail (its ErrorPath and CausePath may be
 * intrinsic functions); InputPath, Parameters, ResultSelector, ResultPath, OutputPath, the context
 * object {@code $$}, workflow variables ({@code Assign}, read as {@code $name}), the {@code States.*}
 * intrinsics; Retry (IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds, JitterStrategy)
 * and Catch in the documented matching order; task ({@code TimeoutSeconds},
 * {@code TimeoutSecondsPath}) and execution {@code TimeoutSeconds}.
 *
 * <p>The definition is parsed once, at construction, into typed states ({@link StateMachineDefinition});
 * one Step Functions would refuse is refused there ({@link InvalidDefinition}, naming the state and the
 * field), so a typo never waits for a run to reach it. A run then only dispatches on the state types.
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

    private final StateMachineDefinition definition;
    private final TaskRunner tasks;
    private final ExecutionClock clock;
    private final Random random;

    /**
     * @param definition the state machine definition, parsed and checked here
     * @param tasks      runs Task resources
     * @param clock      real or virtual time
     * @param random     jitter and random intrinsics (a seeded one makes runs repeatable)
     * @throws InvalidDefinition when the definition is not one Step Functions would accept (or uses JSONata)
     */
    public StateMachineInterpreter(JsonNode definition, TaskRunner tasks, ExecutionClock clock, Random random) {
        this(StateMachineDefinition.parse(definition), tasks, clock, random);
    }

    /**
     * @param definition the parsed state machine definition
     * @param tasks      runs Task resources
     * @param clock      real or virtual time
     * @param random     jitter and random intrinsics (a seeded one makes runs repeatable)
     */
    public StateMachineInterpreter(
            StateMachineDefinition definition, TaskRunner tasks, ExecutionClock clock, Random random) {
        this.definition = definition;
        this.tasks = tasks;
        this.clock = clock;
        this.random = random;
    }

    /** The definition it runs. */
    public StateMachineDefinition definition() {
        return definition;
    }

    /**
     * Runs one execution to its end.
     *
     * @throws IllegalArgumentException when the input is over the 262,144 bytes StartExecution accepts
     */
    public Execution run(String executionName, JsonNode input) {
        return run(executionName, input, event -> {});
    }

    /**
     * Runs one execution to its end, telling {@code listener} each history event as it happens (a
     * console shows the states while the job still runs, as the Step Functions console does).
     *
     * @throws IllegalArgumentException when the input is over the 262,144 bytes StartExecution accepts
     */
    public Execution run(String executionName, JsonNode input, Consumer<HistoryEvent> listener) {
        return run(executionName, input, listener, ExecutionStop.never());
    }

    /**
     * Runs one execution until it ends or {@code stop} is requested: then it enters no further state
     * and ends {@code ABORTED} with the stop's cause, as an execution StopExecution stopped.
     *
     * @throws IllegalArgumentException when the input is over the 262,144 bytes StartExecution accepts
     */
    public Execution run(String executionName, JsonNode input, Consumer<HistoryEvent> listener, ExecutionStop stop) {
        long size = utf8Size(input);
        if (size > PAYLOAD_LIMIT_BYTES) {
            throw new IllegalArgumentException("the execution input has " + size
                    + " bytes; Step Functions accepts at most " + PAYLOAD_LIMIT_BYTES);
        }
        Run run = new Run(executionName, input, listener, stop);
        run.event(HistoryEvent.Type.EXECUTION_STARTED, null, null);
        try {
            JsonNode output = run.machine(definition, input);
            run.event(HistoryEvent.Type.EXECUTION_SUCCEEDED, null, null);
            return new Execution("SUCCEEDED", output, null, null, run.history);
        } catch (TimedOut timedOut) {
            run.event(HistoryEvent.Type.EXECUTION_TIMED_OUT, null, null);
            return new Execution(
                    "TIMED_OUT",
                    null,
                    StatesError.TIMEOUT,
                    "the execution ran longer than its TimeoutSeconds",
                    run.history);
        } catch (Aborted aborted) {
            run.event(HistoryEvent.Type.EXECUTION_ABORTED, null, stop.cause());
            return new Execution("ABORTED", null, null, stop.cause(), run.history);
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
        private final Consumer<HistoryEvent> listener;
        private final ExecutionStop stop;
        private Map<String, JsonNode> variables = new HashMap<>();

        Run(String name, JsonNode input, Consumer<HistoryEvent> listener, ExecutionStop stop) {
            this.listener = listener;
            this.stop = stop;
            Instant start = clock.now();
            ObjectNode execution = context.putObject("Execution");
            execution.put("Id", "arn:aws:states:local:000000000000:execution:local:" + name);
            execution.put("Name", name);
            execution.put("StartTime", start.toString());
            execution.set("Input", input);
            context.putObject("StateMachine")
                    .put("Id", "arn:aws:states:local:000000000000:stateMachine:local")
                    .put("Name", "local");
            deadline = definition.timeoutSeconds() != null ? start.plusSeconds(definition.timeoutSeconds()) : null;
        }

        void event(HistoryEvent.Type type, String state, String detail) {
            HistoryEvent event = new HistoryEvent(type, state, clock.now(), detail);
            history.add(event);
            listener.accept(event);
        }

        /** A Parallel branch or a Map iteration: it sees the variables around it; its own stay inside. */
        JsonNode branch(StateMachineDefinition machine, JsonNode input) {
            Map<String, JsonNode> outer = variables;
            variables = new HashMap<>(outer);
            try {
                return machine(machine, input);
            } finally {
                variables = outer;
            }
        }

        JsonNode machine(StateMachineDefinition machine, JsonNode input) {
            String current = machine.startAt();
            JsonNode data = input;
            while (true) {
                // The definition was checked at load: every transition names one of its states.
                State state = machine.state(current);
                checkStop();
                checkDeadline();
                event(HistoryEvent.Type.STATE_ENTERED, current, null);
                ObjectNode stateContext = context.putObject("State");
                stateContext
                        .put("Name", current)
                        .put("EnteredTime", clock.now().toString())
                        .put("RetryCount", 0);
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

        private Step state(String name, State state, JsonNode input) {
            if (state instanceof PassState pass) {
                return pass(pass, input);
            }
            if (state instanceof Recoverable working) {
                return withRetryAndCatch(name, working, input);
            }
            if (state instanceof ChoiceState choice) {
                return choice(choice, input);
            }
            if (state instanceof WaitState wait) {
                return waitState(wait, input);
            }
            if (state instanceof SucceedState succeed) {
                return new Step(null, outputPath(succeed.outputPath(), inputPath(succeed.inputPath(), input)));
            }
            if (state instanceof FailState fail) {
                throw fail(fail, input);
            }
            throw new IllegalStateException("a State type this interpreter does not know: " + state);
        }

        private Step pass(PassState state, JsonNode input) {
            JsonNode effective = inputPath(state.inputPath(), input);
            JsonNode result = state.parameters() != null
                    ? template(state.parameters(), effective)
                    : state.result() != null ? state.result() : effective;
            assign(state.assign(), result);
            JsonNode output = resultPath(state.resultPath(), input, result);
            return new Step(state.next(), outputPath(state.outputPath(), output));
        }

        private Step choice(ChoiceState state, JsonNode input) {
            JsonNode effective = inputPath(state.inputPath(), input);
            for (ChoiceRule rule : state.choices()) {
                if (ChoiceRules.matches(rule.condition(), new PathScope(effective, context, variables))) {
                    assign(rule.assign(), effective);
                    return new Step(rule.next(), outputPath(state.outputPath(), effective));
                }
            }
            if (state.defaultNext() != null) {
                assign(state.assign(), effective);
                return new Step(state.defaultNext(), outputPath(state.outputPath(), effective));
            }
            throw new StatesError(StatesError.NO_CHOICE_MATCHED, "no Choice rule matched and there is no Default");
        }

        private Step waitState(WaitState state, JsonNode input) {
            JsonNode effective = inputPath(state.inputPath(), input);
            Duration wait = delay(state.delay(), effective);
            event(
                    HistoryEvent.Type.WAIT_STARTED,
                    context.path("State").path("Name").asText(),
                    wait.toSeconds() + " s");
            if (!wait.isNegative() && !wait.isZero()) {
                if (deadline != null && clock.now().plus(wait).isAfter(deadline)) {
                    pause(Duration.between(clock.now(), deadline));
                    throw new TimedOut();
                }
                pause(wait);
            }
            assign(state.assign(), effective);
            return new Step(state.next(), outputPath(state.outputPath(), effective));
        }

        private Duration delay(WaitState.Delay delay, JsonNode effective) {
            if (delay instanceof WaitState.Seconds seconds) {
                return Duration.ofSeconds(seconds.seconds());
            }
            if (delay instanceof WaitState.SecondsPath secondsPath) {
                JsonNode seconds = read(secondsPath.path(), effective);
                if (!seconds.canConvertToLong() || seconds.asLong() < 0) {
                    throw new StatesError(StatesError.RUNTIME, "SecondsPath must point to a non-negative integer");
                }
                return Duration.ofSeconds(seconds.asLong());
            }
            OffsetDateTime until;
            if (delay instanceof WaitState.Timestamp timestamp) {
                until = timestamp.until();
            } else {
                String text = read(((WaitState.TimestampPath) delay).path(), effective)
                        .asText();
                until = ChoiceRules.timestamp(text);
                if (until == null) {
                    throw new StatesError(StatesError.RUNTIME, "not an ISO-8601 timestamp: " + text);
                }
            }
            return Duration.between(clock.now(), until.toInstant());
        }

        private StatesError fail(FailState state, JsonNode input) {
            String error = state.errorPath() != null
                    ? expression(state.errorPath(), input).asText()
                    : state.error();
            String cause = state.causePath() != null ? text(expression(state.causePath(), input)) : state.cause();
            return new StatesError(error, cause);
        }

        /** Task, Parallel and Map: the work, then Retry in order of the retriers, then Catch. */
        private Step withRetryAndCatch(String name, Recoverable state, JsonNode input) {
            Outcome outcome = state.outcome();
            int[] attempts = new int[outcome.retry().size()];
            int retries = 0;
            while (true) {
                try {
                    JsonNode result = work(name, state, input);
                    if (outcome.resultSelector() != null) {
                        result = template(outcome.resultSelector(), result);
                    }
                    assign(outcome.assign(), result);
                    return new Step(
                            outcome.next(),
                            outputPath(outcome.outputPath(), resultPath(outcome.resultPath(), input, result)));
                } catch (StatesError failure) {
                    Duration delay = retryDelay(outcome.retry(), attempts, failure);
                    if (delay != null) {
                        retries++;
                        ((ObjectNode) context.get("State")).put("RetryCount", retries);
                        if (deadline != null && clock.now().plus(delay).isAfter(deadline)) {
                            throw new TimedOut();
                        }
                        pause(delay);
                        continue;
                    }
                    for (Catcher catcher : outcome.catchers()) {
                        if (catcher.handles(failure)) {
                            ObjectNode errorOutput = NODES.objectNode()
                                    .put("Error", failure.error())
                                    .put("Cause", failure.cause());
                            assign(catcher.assign(), errorOutput);
                            return new Step(catcher.next(), resultPath(catcher.resultPath(), input, errorOutput));
                        }
                    }
                    throw failure;
                }
            }
        }

        private JsonNode work(String name, Recoverable state, JsonNode input) {
            JsonNode effective = inputPath(state.inputPath(), input);
            if (state instanceof ParallelState parallel) {
                JsonNode branchInput =
                        parallel.parameters() != null ? template(parallel.parameters(), effective) : effective;
                ArrayNode results = NODES.arrayNode();
                for (StateMachineDefinition branch : parallel.branches()) {
                    results.add(branch(branch, branchInput));
                }
                return results;
            }
            if (state instanceof MapState map) {
                return map(map, effective);
            }
            return task(name, (TaskState) state, effective);
        }

        private JsonNode task(String name, TaskState state, JsonNode effective) {
            JsonNode parameters = state.parameters() != null ? template(state.parameters(), effective) : effective;
            Long timeoutSeconds = state.timeoutSeconds();
            if (state.timeoutSecondsPath() != null) {
                timeoutSeconds = positiveSeconds(state.timeoutSecondsPath(), effective);
            }
            event(HistoryEvent.Type.TASK_SCHEDULED, name, state.resource());
            event(HistoryEvent.Type.TASK_STARTED, name, null);
            Instant started = clock.now();
            try {
                JsonNode result = withinLimit(tasks.run(state.resource(), parameters), "the result of state " + name);
                if (timeoutSeconds != null
                        && Duration.between(started, clock.now()).toSeconds() >= timeoutSeconds) {
                    throw new StatesError(StatesError.TIMEOUT, "the task ran longer than its TimeoutSeconds");
                }
                event(HistoryEvent.Type.TASK_SUCCEEDED, name, result.toString());
                return result;
            } catch (StatesError failure) {
                event(HistoryEvent.Type.TASK_FAILED, name, failure.error());
                throw failure;
            }
        }

        private long positiveSeconds(String path, JsonNode effective) {
            JsonNode seconds = read(path, effective);
            if (!seconds.canConvertToLong() || seconds.asLong() < 1) {
                throw new StatesError(StatesError.RUNTIME, "TimeoutSecondsPath must point to a positive integer");
            }
            return seconds.asLong();
        }

        private JsonNode map(MapState state, JsonNode effective) {
            JsonNode items = read(state.itemsPath(), effective);
            if (!items.isArray()) {
                throw new StatesError(StatesError.RUNTIME, "ItemsPath must point to an array");
            }
            ArrayNode results = NODES.arrayNode();
            for (int i = 0; i < items.size(); i++) {
                context.putObject("Map").putObject("Item").put("Index", i).set("Value", items.get(i));
                JsonNode itemInput =
                        state.itemSelector() != null ? template(state.itemSelector(), effective) : items.get(i);
                results.add(branch(state.itemProcessor(), itemInput));
            }
            context.remove("Map");
            return results;
        }

        /** The delay before the next attempt, or null when no retrier allows one. */
        private Duration retryDelay(List<Retrier> retriers, int[] attempts, StatesError failure) {
            for (int i = 0; i < retriers.size(); i++) {
                Retrier retrier = retriers.get(i);
                if (!retrier.handles(failure)) {
                    continue;
                }
                if (attempts[i] >= retrier.maxAttempts()) {
                    return null;
                }
                double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), attempts[i]);
                if (retrier.maxDelaySeconds() != null) {
                    seconds = Math.min(seconds, retrier.maxDelaySeconds());
                }
                if (retrier.jitterStrategy() == Retrier.JitterStrategy.FULL) {
                    seconds = seconds * random.nextDouble();
                }
                attempts[i]++;
                return Duration.ofMillis((long) (seconds * 1000));
            }
            return null;
        }

        /** Evaluates every value first, then stores them: a value sees the variables from before the state. */
        private void assign(JsonNode assign, JsonNode value) {
            if (assign == null) {
                return;
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
                        result.set(
                                field.getKey().substring(0, field.getKey().length() - 2),
                                expression(field.getValue().asText(), input));
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

        /** InputPath: null in the definition gives an empty object. */
        private JsonNode inputPath(DataPath path, JsonNode input) {
            return path.none() ? NODES.objectNode() : read(path.path(), input);
        }

        /** ResultPath: null in the definition discards the result. */
        private JsonNode resultPath(DataPath path, JsonNode input, JsonNode result) {
            return path.none() ? input : JsonPaths.write(input, path.path(), result);
        }

        /** OutputPath: null in the definition gives an empty object. */
        private JsonNode outputPath(DataPath path, JsonNode output) {
            return path.none() ? NODES.objectNode() : read(path.path(), output);
        }

        /** A Wait or a back-off: cut short, and the execution ended, once a stop is asked for. */
        private void pause(Duration duration) {
            clock.sleep(duration, stop);
            checkStop();
        }

        private void checkStop() {
            if (stop.requested()) {
                throw new Aborted();
            }
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
            throw new StatesError(
                    StatesError.DATA_LIMIT_EXCEEDED,
                    what + " has " + size + " bytes; Step Functions passes at most " + PAYLOAD_LIMIT_BYTES
                            + " between states");
        }
        return value;
    }

    private static long utf8Size(JsonNode value) {
        return value == null ? 0 : value.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** What a state hands on: the next state's name (null at the end) and its output. */
    private record Step(String next, JsonNode output) {}

    /** A stop was asked for ({@link ExecutionStop}). */
    private static final class Aborted extends RuntimeException {
        Aborted() {
            super(null, null, false, false);
        }
    }

    /** The execution's TimeoutSeconds passed. */
    private static final class TimedOut extends RuntimeException {
        TimedOut() {
            super(null, null, false, false);
        }
    }
}

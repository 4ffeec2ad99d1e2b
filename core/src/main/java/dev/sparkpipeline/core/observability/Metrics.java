package dev.sparkpipeline.core.observability;

import dev.sparkpipeline.core.contract.Engine;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Metrics published as CloudWatch Embedded Metric Format: one log line per document, which
 * CloudWatch turns into metrics, with no API call on the hot path.
 */
public final class Metrics {

    /** The {@code Dataset} dimension of a file no dataset claims (dataset names are lower case, so it never clashes). */
    public static final String NO_DATASET = "(none)";

    private final String namespace;
    private final String function;
    private final Consumer<String> sink;
    private final Clock clock;

    public Metrics(String namespace, String function, Consumer<String> sink, Clock clock) {
        this.namespace = namespace;
        this.function = function;
        this.sink = sink;
        this.clock = clock;
    }

    /** The namespace of metrics where no stack names one: the local runner's, and any older deployment's. */
    public static final String DEFAULT_NAMESPACE = "SparkPipeline";

    /**
     * Metrics of a Lambda function on standard output, which the runtime ships to its log group,
     * unless {@code muted} says otherwise at the line (a SnapStart warm-up runs).
     *
     * @param namespace the stack's namespace (the template sets one per stack)
     */
    public static Metrics stdout(String namespace, String function, BooleanSupplier muted) {
        return new Metrics(
                namespace,
                function,
                line -> {
                    if (!muted.getAsBoolean()) {
                        System.out.println(line);
                    }
                },
                Clock.systemUTC());
    }

    /**
     * One metric's value and its CloudWatch unit.
     *
     * @param name   the metric's name
     * @param amount its value
     * @param unit   a CloudWatch unit name ({@code Count}, {@code Seconds}, {@code None})
     */
    public record Value(String name, Number amount, String unit) {

        public static Value count(String name, long count) {
            return new Value(name, count, "Count");
        }

        public static Value seconds(String name, long seconds) {
            return new Value(name, seconds, "Seconds");
        }

        /** US dollars: CloudWatch has no currency unit. */
        public static Value usd(String name, double usd) {
            return new Value(name, usd, "None");
        }
    }

    /** Publishes these counts (unit Count), dimensioned by function. */
    public void counts(Map<String, Integer> counts) {
        write(
                List.of(List.of("Function")),
                Map.of(),
                counts.entrySet().stream()
                        .map(count -> Value.count(count.getKey(), count.getValue()))
                        .toList());
    }

    /**
     * Publishes these values dimensioned by dataset (and engine, when not null), and again by
     * function alone: the stack-wide total that alarms read, since CloudWatch sums no dimensions.
     *
     * @param dataset the dataset, or null for a file no dataset claims ({@link #NO_DATASET})
     */
    public void publish(String dataset, Engine engine, List<Value> values) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("Dataset", dataset == null ? NO_DATASET : dataset);
        if (engine != null) {
            dimensions.put("Engine", engine.name());
        }
        write(List.of(List.copyOf(dimensions.keySet()), List.of("Function")), dimensions, values);
    }

    private void write(List<List<String>> dimensionSets, Map<String, String> dimensions, List<Value> values) {
        List<Map<String, String>> definitions = values.stream()
                .map(value -> Map.of("Name", value.name(), "Unit", value.unit()))
                .toList();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put(
                "_aws",
                Map.of(
                        "Timestamp", clock.millis(),
                        "CloudWatchMetrics",
                                List.of(Map.of(
                                        "Namespace", namespace,
                                        "Dimensions", dimensionSets,
                                        "Metrics", definitions))));
        line.put("Function", function);
        line.putAll(dimensions);
        values.forEach(value -> line.put(value.name(), value.amount()));
        sink.accept(EventLog.json(line));
    }
}

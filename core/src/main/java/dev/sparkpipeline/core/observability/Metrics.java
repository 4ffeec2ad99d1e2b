package dev.sparkpipeline.core.observability;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Counters published as CloudWatch Embedded Metric Format: one log line per invocation that
 * CloudWatch turns into metrics, with no API call on the hot path.
 */
public final class Metrics {

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

    /** Metrics of a Lambda function, in the namespace the template sets. */
    public static Metrics stdout(String function) {
        String namespace = System.getenv().getOrDefault("POWERTOOLS_METRICS_NAMESPACE", "SparkPipeline");
        return new Metrics(namespace, function, line -> System.out.println(line), Clock.systemUTC());
    }

    /** Publishes these counts (unit Count), dimensioned by function. */
    public void counts(Map<String, Integer> counts) {
        List<Map<String, String>> definitions = counts.keySet().stream()
                .map(name -> Map.of("Name", name, "Unit", "Count"))
                .toList();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put(
                "_aws",
                Map.of(
                        "Timestamp", clock.millis(),
                        "CloudWatchMetrics",
                                List.of(Map.of(
                                        "Namespace", namespace,
                                        "Dimensions", List.of(List.of("Function")),
                                        "Metrics", definitions))));
        line.put("Function", function);
        line.putAll(counts);
        sink.accept(EventLog.json(line));
    }
}

package dev.sparkpipeline.core.testing;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.core.observability.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Embedded Metric Format lines a function printed, as CloudWatch reads them: a test's sink for
 * {@link Metrics}, and the documents that carry a metric.
 */
public final class MetricLines {

    private final List<String> lines = new ArrayList<>();

    /** Metrics of {@code function} in the default namespace, printed here. */
    public Metrics metrics(String function, Clock clock) {
        return new Metrics(Metrics.DEFAULT_NAMESPACE, function, lines::add, clock);
    }

    /** Every EMF document printed that carries {@code metric}. */
    public List<Map<String, Object>> documentsWith(String metric) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (String line : lines) {
            Map<String, Object> document = parse(line);
            if (document.containsKey("_aws") && document.containsKey(metric)) {
                documents.add(document);
            }
        }
        return documents;
    }

    /** The one EMF document printed that carries {@code metric}; fails unless there is exactly one. */
    public Map<String, Object> documentWith(String metric) {
        List<Map<String, Object>> documents = documentsWith(metric);
        if (documents.size() != 1) {
            throw new AssertionError(
                    "expected one EMF document with " + metric + ", found " + documents.size() + " in " + lines);
        }
        return documents.get(0);
    }

    /** The metric definitions ({@code Name}, {@code Unit}) and dimension sets of a document, as CloudWatch reads them. */
    @SuppressWarnings("unchecked") // the EMF document's _aws member, as Metrics writes it
    public static Map<String, Object> directive(Map<String, Object> document) {
        Map<String, Object> aws = (Map<String, Object>) document.get("_aws");
        return ((List<Map<String, Object>>) aws.get("CloudWatchMetrics")).get(0);
    }

    /** The metric definitions ({@code Name}, {@code Unit}) of a document. */
    @SuppressWarnings("unchecked") // as Metrics writes them
    public static List<Map<String, Object>> definitions(Map<String, Object> document) {
        return (List<Map<String, Object>>) directive(document).get("Metrics");
    }

    /** Every line printed. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    private static Map<String, Object> parse(String line) {
        try {
            return JSON.std.mapFrom(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.sparkpipeline.core.observability;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Structured logs: one JSON object per line, which CloudWatch Logs (functions configured with
 * {@code LogFormat: JSON}) indexes field by field. Callers pass names and identifiers only,
 * never object contents or credentials.
 */
public final class EventLog {

    private final String service;
    private final Consumer<String> sink;
    private final Clock clock;

    public EventLog(String service, Consumer<String> sink, Clock clock) {
        this.service = service;
        this.sink = sink;
        this.clock = clock;
    }

    /**
     * A log for a Lambda function: standard output, which the runtime ships to its log group.
     * The stream is looked up at each line, so a host that captures a function's output (the local
     * runner's endpoint mode) captures its log too.
     */
    public static EventLog stdout(String service) {
        return new EventLog(service, line -> System.out.println(line), Clock.systemUTC());
    }

    public void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields);
    }

    public void warn(String message, Map<String, ?> fields) {
        write("WARN", message, fields);
    }

    private void write(String level, String message, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level);
        line.put("service", service);
        line.put("message", message);
        line.putAll(fields);
        sink.accept(json(line));
    }

    static String json(Map<String, Object> value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * A Wait state: waits for a number of seconds or until a time, given or read from the effective input.
 *
 * @param inputPath  InputPath
 * @param delay      how long: exactly one of Seconds, SecondsPath, Timestamp, TimestampPath
 * @param outputPath OutputPath
 * @param assign     the Assign template, evaluated on the effective input, or null
 * @param next       the next state, or null when this one ends the execution
 */
public record WaitState(DataPath inputPath, Delay delay, DataPath outputPath, JsonNode assign, String next)
        implements State {

    public WaitState {
        Objects.requireNonNull(delay, "delay");
    }

    @Override
    public Map<String, String> transitions() {
        return next == null ? Map.of() : Map.of("Next", next);
    }

    /** How long a Wait state waits. */
    public sealed interface Delay {}

    /** {@code Seconds}: a non-negative number of seconds. */
    public record Seconds(long seconds) implements Delay {}

    /** {@code SecondsPath}: a path to a non-negative integer. */
    public record SecondsPath(String path) implements Delay {}

    /** {@code Timestamp}: until this time. */
    public record Timestamp(OffsetDateTime until) implements Delay {}

    /** {@code TimestampPath}: a path to an ISO-8601 timestamp. */
    public record TimestampPath(String path) implements Delay {}
}

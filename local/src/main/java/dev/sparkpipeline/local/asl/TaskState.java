package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Task state: its resource runs with the effective parameters (see {@link TaskRunner}).
 *
 * @param resource             the resource's ARN
 * @param inputPath            InputPath
 * @param parameters           the Parameters payload template, or null (the task gets the effective input)
 * @param timeoutSeconds       TimeoutSeconds, or null
 * @param timeoutSecondsPath   TimeoutSecondsPath (read from the effective input), or null; at most one of the two
 * @param heartbeatSeconds     HeartbeatSeconds, or null: checked, not enforced, as an in-process task has no
 *                             heartbeats to miss (they matter for activities and task tokens, which are not supported)
 * @param heartbeatSecondsPath HeartbeatSecondsPath, or null: likewise
 * @param outcome              what becomes of the result (ResultSelector... Next) or of a failure (Retry, Catch)
 */
public record TaskState(
        String resource,
        DataPath inputPath,
        JsonNode parameters,
        Long timeoutSeconds,
        String timeoutSecondsPath,
        Long heartbeatSeconds,
        String heartbeatSecondsPath,
        Outcome outcome)
        implements Recoverable {}

package dev.sparkpipeline.core.engine;

import java.util.Map;

/**
 * What an engine says about a job at one moment, before the tracker adds timing and cost.
 *
 * @param rawState      the engine's own state name
 * @param failureReason the engine's reason for a failure, or null
 * @param links         named links to logs and consoles
 * @param usage         resource usage by unit, as billed so far
 * @param startedAt     epoch seconds the engine says the job began running, or null when it has not
 *                      or does not say (the tracker then takes the first poll that sees it run)
 */
public record EngineObservation(
        String rawState, String failureReason, Map<String, String> links, Map<String, Double> usage, Long startedAt) {

    public EngineObservation {
        links = links == null ? Map.of() : Map.copyOf(links);
        usage = usage == null ? Map.of() : Map.copyOf(usage);
    }

    /** An observation of an engine that does not report when the job began running. */
    public EngineObservation(
            String rawState, String failureReason, Map<String, String> links, Map<String, Double> usage) {
        this(rawState, failureReason, links, usage, null);
    }
}

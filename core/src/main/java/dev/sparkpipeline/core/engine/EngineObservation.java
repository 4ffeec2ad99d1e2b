package dev.sparkpipeline.core.engine;

import java.util.Map;

/**
 * What an engine says about a job at one moment, before the tracker adds timing and cost.
 *
 * @param rawState      the engine's own state name
 * @param failureReason the engine's reason for a failure, or null
 * @param links         named links to logs and consoles
 * @param usage         resource usage by unit, as billed so far
 */
public record EngineObservation(
        String rawState, String failureReason, Map<String, String> links, Map<String, Double> usage) {

    public EngineObservation {
        links = links == null ? Map.of() : Map.copyOf(links);
        usage = usage == null ? Map.of() : Map.copyOf(usage);
    }
}

package dev.sparkpipeline.core.engine;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.error.InvalidJobConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engines a function can reach, by name: the AWS adapters in Lambda, local Spark offline. */
public final class JobEngines {

    private final Map<Engine, JobEngine> byName = new LinkedHashMap<>();

    public JobEngines(List<JobEngine> engines) {
        engines.forEach(engine -> byName.put(engine.engine(), engine));
    }

    /** The adapter for this engine; a typed, permanent error when this deployment has none. */
    public JobEngine get(Engine engine) {
        JobEngine found = byName.get(engine == null ? Engine.DEFAULT : engine);
        if (found == null) {
            throw new InvalidJobConfig("engine " + engine + " is not available here; available: " + byName.keySet());
        }
        return found;
    }
}

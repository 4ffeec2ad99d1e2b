package dev.sparkpipeline.core.engine;

import java.util.List;

/** The transient clusters an execution created, which nothing else terminates once it ended without its Catch. */
public interface ExecutionClusters {

    /** Terminates the live clusters of this execution; answers their ids (none when it had none left). */
    List<String> terminate(String executionName);
}

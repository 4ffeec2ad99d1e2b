package dev.sparkpipeline.local.lake;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.execution.ExecutionStarter;
import dev.sparkpipeline.core.execution.StartOutcome;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local execution starter: records each execution by name (a name seen
 * before is a duplicate, as in Step Functions); the runner then runs what was started.
 */
public final class RecordingExecutionStarter implements ExecutionStarter {

    private final Map<String, ExecutionInput> started = new LinkedHashMap<>();

    @Override
    public synchronized StartOutcome start(String executionName, ExecutionInput input) {
        boolean duplicate = started.putIfAbsent(executionName, input) != null;
        return new StartOutcome("local:" + executionName, duplicate);
    }

    /** The executions started, by name, in order. */
    public synchronized Map<String, ExecutionInput> started() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(started));
    }
}

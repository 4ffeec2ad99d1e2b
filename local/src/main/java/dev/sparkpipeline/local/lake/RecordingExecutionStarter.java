package dev.sparkpipeline.local.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.execution.ExecutionStarter;
import dev.sparkpipeline.core.execution.StartOutcome;
import dev.sparkpipeline.core.json.ExecutionInputJson;
import dev.sparkpipeline.local.runner.ExecutionLedger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local execution starter: records each execution by name in the lake's
 * {@link ExecutionLedger} (a name seen before, by this process or an earlier run, is a duplicate,
 * as in Step Functions); the runner then runs what was started.
 */
public final class RecordingExecutionStarter implements ExecutionStarter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ExecutionInput> started = new LinkedHashMap<>();
    private final ExecutionLedger ledger;

    public RecordingExecutionStarter(ExecutionLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public synchronized StartOutcome start(String executionName, ExecutionInput input) {
        started.putIfAbsent(executionName, input);
        boolean duplicate = !ledger.started(executionName, JSON.valueToTree(ExecutionInputJson.fields(input)));
        return new StartOutcome("local:" + executionName, duplicate);
    }

    /** The executions started, by name, in order. */
    public synchronized Map<String, ExecutionInput> started() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(started));
    }
}

package dev.sparkpipeline.local.bench;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.execution.ExecutionStarter;
import dev.sparkpipeline.core.execution.StartOutcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * StartExecution for a load run: a name used before is a duplicate, as on Step Functions; a new
 * one is held until the invocation that started it ends (its modelled duration), then the load
 * run runs it on the interpreter. One request on the {@link RequestMeter} a call.
 */
final class ExecutionLauncher implements ExecutionStarter {

    /**
     * An execution started and not yet running.
     *
     * @param name  its name
     * @param input its input
     */
    record Started(String name, ExecutionInput input) {}

    private final RequestMeter meter;
    private final Set<String> names = new HashSet<>();
    private final List<Started> pending = new ArrayList<>();
    private int duplicates;

    ExecutionLauncher(RequestMeter meter) {
        this.meter = meter;
    }

    @Override
    public StartOutcome start(String executionName, ExecutionInput input) {
        meter.request();
        String arn = "arn:aws:states:local:000000000000:execution:local:" + executionName;
        if (!names.add(executionName)) {
            duplicates++;
            return new StartOutcome(arn, true);
        }
        pending.add(new Started(executionName, input));
        return new StartOutcome(arn, false);
    }

    /** The executions started since the last call. */
    List<Started> drain() {
        List<Started> started = List.copyOf(pending);
        pending.clear();
        return started;
    }

    /** Executions started in all. */
    int started() {
        return names.size();
    }

    /** Starts refused as duplicates (a retried batcher or validate). */
    int duplicates() {
        return duplicates;
    }
}

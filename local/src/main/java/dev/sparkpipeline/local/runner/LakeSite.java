package dev.sparkpipeline.local.runner;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.function.Adapters;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.local.asl.TaskRunner;
import dev.sparkpipeline.local.lake.LakeBuckets;
import dev.sparkpipeline.local.lake.LakeQueues;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamFunction;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The pipeline offline: the template's buckets are the lake's folders, every function runs on the
 * same {@link LakeAdapters}, and the state machine's service integrations act on the lake.
 *
 * @param resources the template's references, resolved to local names
 * @param adapters  what every function runs on
 */
public record LakeSite(LocalResources resources, LocalLake lake, LakeAdapters adapters) implements PipelineSite {

    @Override
    public FunctionEnvironment environment(SamFunction function) {
        return new FunctionEnvironment(resources.environment(function));
    }

    @Override
    public Adapters adapters(FunctionEnvironment environment) {
        return adapters;
    }

    @Override
    public TaskRunner tasks(LocalFunctions functions) {
        return new LocalTasks(functions, new LakeIntegrations(lake));
    }

    @Override
    public PipelineBuckets buckets() {
        return new LakeBuckets(lake);
    }

    @Override
    public PipelineQueues queues() {
        return new LakeQueues(lake, adapters.clock());
    }

    @Override
    public Optional<ExecutionInput> started(String executionName) {
        return Optional.ofNullable(adapters.started().get(executionName));
    }

    @Override
    public Optional<Path> functionOutput() {
        return Optional.empty();
    }
}

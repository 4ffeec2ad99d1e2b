package dev.sparkpipeline.local.bench;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.function.Adapters;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.local.asl.TaskRunner;
import dev.sparkpipeline.local.runner.LocalFunctions;
import dev.sparkpipeline.local.runner.PipelineBuckets;
import dev.sparkpipeline.local.runner.PipelineQueues;
import dev.sparkpipeline.local.runner.PipelineSite;
import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamFunction;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a load run's functions run: the template's environment for each, on the run's
 * {@link LoadAdapters}. The run lands files and runs executions itself ({@link MeteredTasks}), so
 * the runner's own bucket access and task wiring are not used.
 *
 * @param resources the template's references, resolved to local names
 * @param adapters  what every function runs on
 */
record LoadSite(LocalResources resources, LoadAdapters adapters) implements PipelineSite {

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
        throw new UnsupportedOperationException("a load run meters its tasks itself (MeteredTasks)");
    }

    @Override
    public PipelineBuckets buckets() {
        throw new UnsupportedOperationException("a load run lands its files in its own store");
    }

    @Override
    public PipelineQueues queues() {
        throw new UnsupportedOperationException("a load run delivers its intake queue itself (ModelledIntakeQueue)");
    }

    @Override
    public Optional<ExecutionInput> started(String executionName) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> functionOutput() {
        return Optional.empty();
    }
}

package dev.sparkpipeline.local.runner;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.function.Adapters;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.local.asl.TaskRunner;
import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamFunction;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the runner's pipeline runs: offline on the local lake ({@link LakeSite}), or on an
 * AWS-compatible endpoint ({@code EndpointStack}). {@link LocalPipeline#on} builds the pipeline
 * from one of these, the same way for both.
 */
public interface PipelineSite {

    /** The template's references resolved to this site's names. */
    LocalResources resources();

    /** What the Lambda runtime would give the function here: its template variables, and any the site adds. */
    FunctionEnvironment environment(SamFunction function);

    /** What a function with this environment runs on here. */
    Adapters adapters(FunctionEnvironment environment);

    /** The interpreter's Task resources: the functions, and the service integrations here. */
    TaskRunner tasks(LocalFunctions functions);

    /** The buckets, as the runner itself reaches them. */
    PipelineBuckets buckets();

    /** The queues, as the runner itself reaches them to deliver their messages. */
    PipelineQueues queues();

    /** The input of an execution a function started here, by name. */
    Optional<ExecutionInput> started(String executionName);

    /** The file the functions' standard output goes to, or empty to leave it on the runner's. */
    Optional<Path> functionOutput();
}

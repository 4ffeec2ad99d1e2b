package dev.sparkpipeline.core.contract;

/**
 * The input of one pipeline execution: written by the validate function, or typed by a person
 * starting an execution by hand. The state machine reads the same fields.
 *
 * @param dataset dataset name from {@code config/}
 * @param source  the landed object
 * @param engine  where the curate job runs
 * @param job     job settings
 */
public record ExecutionInput(String dataset, SourceObject source, Engine engine, JobSettings job) {

    /** The same input run on another engine (the local runner's {@code --engine}). */
    public ExecutionInput withEngine(Engine other) {
        return new ExecutionInput(dataset, source, other, job);
    }
}

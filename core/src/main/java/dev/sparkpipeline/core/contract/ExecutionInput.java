package dev.sparkpipeline.core.contract;

/**
 * The input of one pipeline execution: written by the validate function (one landed file) or the
 * batcher function (a batch of them), or typed by a person starting an execution by hand. The
 * state machine reads the same fields.
 *
 * @param dataset dataset name from {@code config/}
 * @param source  the landed object, or for a batch the batch's manifest
 * @param engine  where the curate job runs
 * @param job     job settings
 * @param batch   the batch the source's manifest lists, or null when the source is one landed file
 */
public record ExecutionInput(String dataset, SourceObject source, Engine engine, JobSettings job, SourceBatch batch) {

    /** The input of a run of one landed file. */
    public ExecutionInput(String dataset, SourceObject source, Engine engine, JobSettings job) {
        this(dataset, source, engine, job, null);
    }

    /** The same input run on another engine (the local runner's {@code --engine}). */
    public ExecutionInput withEngine(Engine other) {
        return new ExecutionInput(dataset, source, other, job, batch);
    }

    /** Whether the run curates a batch (its source is the batch's manifest). */
    public boolean isBatch() {
        return batch != null;
    }
}

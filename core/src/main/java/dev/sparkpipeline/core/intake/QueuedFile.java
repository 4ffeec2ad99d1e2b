package dev.sparkpipeline.core.intake;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.SourceObject;
import java.time.Instant;

/**
 * A landed file the validate function accepted for a batched dataset: one message on the intake
 * queue ({@code QueuedFileJson} is its codec), waiting for the batcher to close it into a batch.
 *
 * @param dataset  the dataset it belongs to
 * @param engine   the engine its size routes it to
 * @param source   the landed object version
 * @param queuedAt when it was queued: its wait for a batch counts from here
 */
public record QueuedFile(String dataset, Engine engine, SourceObject source, Instant queuedAt) {}

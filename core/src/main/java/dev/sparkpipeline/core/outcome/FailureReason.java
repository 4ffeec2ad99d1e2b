package dev.sparkpipeline.core.outcome;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.SourceObject;
import java.time.Instant;

/**
 * The reason document of a file recorded under {@code failed/} ({@link FailureRecorder}), as
 * replaying it reads it: which execution failed the file and why, which object version the file
 * is, and whether a replay was started for it.
 *
 * @param kind          the failure's kind ({@code JobFailed}, {@code ExecutionAborted}, ...)
 * @param cause         the failure's cause, or null
 * @param executionName the execution that failed the file (a replay's, once a replay failed it again)
 * @param dataset       the file's dataset
 * @param engine        the engine it failed on, or null when the document does not say
 * @param failedAt      when the failure was recorded, or null in a document older than the field
 * @param landedAt      when the file landed (the day its records are filed under), or null in a
 *                      document older than the field
 * @param batch         the batch the file failed in, or null
 * @param source        the landed object version, or null when the document names none
 * @param sourceMissing true when the source was already gone when the failure was recorded
 * @param replayed      the replay started for this failure, or null when none was
 */
public record FailureReason(
        String kind,
        String cause,
        String executionName,
        String dataset,
        Engine engine,
        Instant failedAt,
        Instant landedAt,
        String batch,
        SourceObject source,
        boolean sourceMissing,
        Replay replayed) {

    /**
     * The mark a replay leaves on the failure it re-runs.
     *
     * @param execution the replay's execution name
     * @param at        when the replay was started
     */
    public record Replay(String execution, Instant at) {}
}

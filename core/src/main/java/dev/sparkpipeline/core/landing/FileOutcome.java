package dev.sparkpipeline.core.landing;

/**
 * What became of one landed file.
 *
 * @param bucket        landing bucket
 * @param key           object key
 * @param outcome       the outcome
 * @param dataset       its dataset, when known
 * @param rule          the rule it broke, when quarantined
 * @param message       why, in words
 * @param executionName the execution's name, when accepted or duplicate
 * @param executionId   the execution's ARN or id, when accepted or duplicate
 * @param reasonUri     the reason document, when quarantined
 */
public record FileOutcome(
        String bucket,
        String key,
        Outcome outcome,
        String dataset,
        Rule rule,
        String message,
        String executionName,
        String executionId,
        String reasonUri) {

    /** The four ways a landed file can end in the validate function. */
    public enum Outcome {
        /** An execution was started for it. */
        ACCEPTED,
        /** It waits on the intake queue for its dataset's next batch, whose execution curates it. */
        QUEUED,
        /** Its execution already existed: a repeated event. */
        DUPLICATE,
        /** It broke a rule and was set aside with a reason. */
        QUARANTINED,
        /** It was gone before it could be checked. */
        MISSING
    }
}

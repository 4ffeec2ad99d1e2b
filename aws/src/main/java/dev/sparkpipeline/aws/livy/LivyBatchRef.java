package dev.sparkpipeline.aws.livy;

/**
 * What the pipeline keeps to find its batch again: Livy's id alone is not enough, because a Livy
 * restarted without recovery counts ids from 0 again and the same id then names another job.
 *
 * @param id    the batch id Livy gave it (or gives it now, once found again by name)
 * @param name  the name it was submitted with: the execution's name
 * @param appId the YARN application id, once Livy has reported one, else null
 */
public record LivyBatchRef(int id, String name, String appId) {

    /** The reference of a batch Livy just described. */
    public static LivyBatchRef of(LivyBatch batch) {
        return new LivyBatchRef(batch.id(), batch.name(), batch.appId());
    }

    /**
     * True when {@code batch} is this job: the same name and, once either of us knows it, the same
     * application. A batch without a name (a Livy before 0.6 does not send it) is never taken for ours.
     */
    public boolean names(LivyBatch batch) {
        return name.equals(batch.name()) && (appId == null || appId.equals(batch.appId()));
    }

    /** This reference as {@code batch} shows it now: its current id, and its application once known. */
    LivyBatchRef seenAs(LivyBatch batch) {
        return new LivyBatchRef(batch.id(), name, appId != null ? appId : batch.appId());
    }
}

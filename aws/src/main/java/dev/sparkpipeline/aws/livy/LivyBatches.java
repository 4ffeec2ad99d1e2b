package dev.sparkpipeline.aws.livy;

import dev.sparkpipeline.core.engine.NormalisedState;
import dev.sparkpipeline.core.error.InvalidJobConfig;
import dev.sparkpipeline.core.error.JobLost;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline's batches on Livy, never mixed up with other jobs. Livy numbers batches from 0 and,
 * restarted without recovery ({@code livy.server.recovery.mode}), from 0 again: an id alone may
 * name another job. So every look verifies that the batch at the id carries the job's name (and,
 * once known, its YARN application); if not, or if the id is gone, the batch is looked up by name,
 * which Livy keeps unique among the sessions it holds; if it cannot be found the job is
 * {@link JobLost}, with the reason. A submission first looks for its name, so a retry after a lost
 * answer never starts a second batch.
 *
 * @param client   Livy's REST API
 * @param pageSize batches per {@code GET /batches} page
 */
public record LivyBatches(LivyClient client, int pageSize) {

    /** Livy's own default page ({@code SessionServlet}: {@code size} defaults to 100). */
    public static final int PAGE_SIZE = 100;

    public LivyBatches(LivyClient client) {
        this(client, PAGE_SIZE);
    }

    /** Starts the batch, or finds the one an earlier attempt of the same request started. */
    public LivyBatchRef submit(LivyBatchRequest request) {
        Optional<LivyBatch> earlier = find(request.name());
        if (earlier.isPresent()) {
            return LivyBatchRef.of(earlier.get());
        }
        try {
            return LivyBatchRef.of(client.submit(request));
        } catch (InvalidJobConfig refused) {
            // Livy refuses a second session of a name it holds ("Duplicate session name", SessionManager.register):
            // an attempt running alongside this one got there first. Its batch, not the wording, decides.
            return find(request.name()).map(LivyBatchRef::of).orElseThrow(() -> refused);
        }
    }

    /** The batch of this name, if Livy holds one: {@code GET /batches} page by page. */
    public Optional<LivyBatch> find(String name) {
        Optional<LivyBatch> found = scan(name);
        // Livy forgets ended batches as it goes (livy.server.session.state-retain.sec), which shifts the pages
        // under a scan: a second scan sees the list settled before the batch is called missing.
        return found.isPresent() ? found : scan(name);
    }

    /**
     * The batch {@code ref} names, verified: at its id if that batch carries its name (and
     * application), else wherever the name is now.
     *
     * @throws JobLost when Livy no longer holds it under either
     */
    public LivySighting observe(LivyBatchRef ref) {
        Optional<LivyBatch> atId = client.batch(ref.id());
        if (atId.isPresent() && ref.names(atId.get())) {
            return withReason(new LivySighting(ref.seenAs(atId.get()), atId.get()));
        }
        String atIdNow = atId.map(other -> "batch " + ref.id() + " now names " + describe(other))
                .orElse("batch " + ref.id() + " is gone (404)");
        Optional<LivyBatch> byName = find(ref.name());
        if (byName.isEmpty()) {
            throw new JobLost("Livy lost batch " + ref.id() + " '" + ref.name() + "'"
                    + (ref.appId() == null ? "" : " (" + ref.appId() + ")") + ": " + atIdNow
                    + " and no batch has its name; Livy restarted without recovery, the batch was deleted"
                    + " (DELETE /batches removes it), or Livy forgot it after it ended"
                    + " (livy.server.session.state-retain.sec)");
        }
        LivyBatch found = byName.get();
        if (!ref.names(found)) {
            throw new JobLost("Livy lost batch " + ref.id() + " '" + ref.name() + "' (" + ref.appId() + "): "
                    + atIdNow + ", and the batch of its name, " + describe(found)
                    + ", runs another application: a later submission, not this job");
        }
        return withReason(new LivySighting(ref.seenAs(found), found));
    }

    /** The lines of a failed batch's log read for its reason: its exception comes before spark-submit's shutdown. */
    static final int REASON_LINES = 200;

    /**
     * A batch that failed or was killed, with the tail of its log: the batch's own {@code log}
     * holds only its last lines, which spark-submit's shutdown hooks fill after the exception.
     */
    private LivySighting withReason(LivySighting seen) {
        NormalisedState state = seen.state();
        if (state != NormalisedState.FAILED && state != NormalisedState.CANCELLED) {
            return seen;
        }
        LivyBatch batch = seen.batch();
        int total = client.log(batch.id(), 0, 1).total();
        List<String> tail = client.log(batch.id(), Math.max(0, total - REASON_LINES), REASON_LINES)
                .lines();
        return new LivySighting(
                seen.ref(),
                new LivyBatch(batch.id(), batch.name(), batch.state(), batch.appId(), batch.appInfo(), tail));
    }

    /**
     * Kills the batch unless it has ended; only a batch verified to be this job is ever deleted.
     * Livy removes a deleted batch at once ({@code SessionManager.delete}): a retried cancel, and
     * any later look, find it gone.
     *
     * @return true when Livy was asked to kill it; false when it had ended or Livy no longer holds
     *         it (its YARN application, if it had one, is then beyond Livy's reach)
     */
    public boolean cancel(LivyBatchRef ref) {
        LivySighting seen;
        try {
            seen = observe(ref);
        } catch (JobLost gone) {
            return false;
        }
        return !seen.state().terminal() && client.delete(seen.ref().id());
    }

    /** A slice of the batch's log, read where the verified batch is now. */
    public LivyLog log(LivyBatchRef ref, int from, int size) {
        return client.log(observe(ref).ref().id(), from, size);
    }

    private Optional<LivyBatch> scan(String name) {
        int from = 0;
        while (true) {
            LivyBatchPage page = client.batches(from, pageSize);
            Optional<LivyBatch> found = page.sessions().stream()
                    .filter(batch -> name.equals(batch.name()))
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
            from += page.sessions().size();
            if (page.sessions().isEmpty() || from >= page.total()) {
                return Optional.empty();
            }
        }
    }

    private static String describe(LivyBatch batch) {
        return (batch.name() == null ? "a batch without a name" : "'" + batch.name() + "'")
                + (batch.appId() == null ? "" : " (" + batch.appId() + ")") + " at id " + batch.id();
    }
}

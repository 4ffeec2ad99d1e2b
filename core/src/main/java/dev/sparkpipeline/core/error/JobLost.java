package dev.sparkpipeline.core.error;

/**
 * The engine no longer knows the job the handle names, and no job of the same name can be found:
 * the message says why (an id that now names another job, a batch gone after a restart). The
 * tracker never reports another job's state in its place; the state machine resubmits the job
 * once, by name, or fails with this reason.
 */
public final class JobLost extends PermanentEngineException {

    public JobLost(String message) {
        super(message, null);
    }

    public JobLost(String message, Throwable cause) {
        super(message, cause);
    }
}

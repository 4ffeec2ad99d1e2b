package dev.sparkpipeline.core.error;

/**
 * The answer of the tracker in watch mode while a long job runs on: not a failure but the signal
 * the state machine's Retry waits on, so that each poll of a long job costs one retry (three
 * history events) instead of a Wait, a Task and a Choice (nine). It carries no stack trace: the
 * runtime's error document stays a line, not a page, at every poll.
 */
public final class JobStillRunning extends PipelineException {

    public JobStillRunning(String message) {
        super(message, null, true);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

package dev.sparkpipeline.local.asl;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * StopExecution for one running execution: once requested, the execution enters no further state
 * and ends {@code ABORTED}, as Step Functions ends a stopped one. A task already running finishes
 * (Step Functions does not recall a Lambda invocation either); a Wait or a retry's back-off ends at once.
 */
public final class ExecutionStop {

    private final CountDownLatch requested = new CountDownLatch(1);
    private volatile String cause;

    /** An execution nobody stops. */
    public static ExecutionStop never() {
        return new ExecutionStop();
    }

    /** Asks the execution to stop, for {@code cause}; asking again keeps the first cause. */
    public synchronized void request(String cause) {
        if (requested.getCount() > 0) {
            this.cause = cause;
            requested.countDown();
        }
    }

    /** Whether a stop was asked for. */
    public boolean requested() {
        return requested.getCount() == 0;
    }

    /** The cause given, or null while nobody asked. */
    public String cause() {
        return cause;
    }

    /** Waits up to {@code duration} of real time, or less when a stop is asked for meanwhile. */
    void await(Duration duration) {
        try {
            requested.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatesError(StatesError.RUNTIME, "interrupted while waiting");
        }
    }
}

package dev.sparkpipeline.local.asl;

import java.time.Instant;

/**
 * One entry of an execution's history, shaped like Step Functions' events so counts compare.
 *
 * @param type   what happened
 * @param state  the state it happened in, or null for execution-level events
 * @param at     when (on the execution's clock)
 * @param detail the error for failures, the wait for waits ({@code "5 s"}), the result (JSON) for task
 *               successes, the resource for task schedules, or null
 */
public record HistoryEvent(Type type, String state, Instant at, String detail) {

    /** The kinds of history event the interpreter records. */
    public enum Type {
        EXECUTION_STARTED,
        STATE_ENTERED,
        STATE_EXITED,
        WAIT_STARTED,
        TASK_SCHEDULED,
        TASK_STARTED,
        TASK_SUCCEEDED,
        TASK_FAILED,
        EXECUTION_SUCCEEDED,
        EXECUTION_FAILED,
        EXECUTION_TIMED_OUT,
        EXECUTION_ABORTED
    }
}

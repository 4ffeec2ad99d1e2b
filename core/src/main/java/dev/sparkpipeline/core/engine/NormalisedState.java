package dev.sparkpipeline.core.engine;

/** Every engine's job states folded into the few the state machine branches on. */
public enum NormalisedState {
    /** Submitted; the engine is scheduling it or allocating its resources. */
    PENDING(false),
    /** Held by the engine (or refused by it for now) until capacity frees: load is a queue, never a failure. */
    QUEUED(false),
    RUNNING(false),
    SUCCEEDED(true),
    FAILED(true),
    CANCELLED(true);

    private final boolean terminal;

    NormalisedState(boolean terminal) {
        this.terminal = terminal;
    }

    /** True when the job will not change state again. */
    public boolean terminal() {
        return terminal;
    }

    /** True before the job runs: its time counts against the queue's deadline, not the job's own. */
    public boolean waiting() {
        return this == PENDING || this == QUEUED;
    }
}

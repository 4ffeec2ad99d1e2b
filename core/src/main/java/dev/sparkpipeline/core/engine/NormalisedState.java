package dev.sparkpipeline.core.engine;

/** Every engine's job states folded into the few the state machine branches on. */
public enum NormalisedState {
    PENDING(false),
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
}

package dev.sparkpipeline.aws.livy;

import static dev.sparkpipeline.core.engine.NormalisedState.CANCELLED;
import static dev.sparkpipeline.core.engine.NormalisedState.FAILED;
import static dev.sparkpipeline.core.engine.NormalisedState.PENDING;
import static dev.sparkpipeline.core.engine.NormalisedState.RUNNING;
import static dev.sparkpipeline.core.engine.NormalisedState.SUCCEEDED;

import dev.sparkpipeline.core.engine.NormalisedState;
import java.util.Map;

/** Livy's batch states and what each means: the engine's own fact, in its own package. */
public final class LivyStates {

    /**
     * Apache Livy's session states ({@code org.apache.livy.sessions.SessionState}, 0.7), which its
     * batches report. A batch goes {@code starting}, {@code running}, then {@code success},
     * {@code dead} (the application failed) or {@code killed}; {@code recovering} is a batch a
     * restarted Livy reads back from its state store, still running on YARN as far as anyone knows.
     * {@code not_started}, {@code idle}, {@code busy} and {@code error} are interactive sessions'
     * states, mapped so that none reads as RUNNING by default. {@code shutting_down} ends as
     * {@code killed} or {@code dead}: not terminal yet.
     */
    public static final Map<String, NormalisedState> STATES = Map.ofEntries(
            Map.entry("not_started", PENDING),
            Map.entry("starting", PENDING),
            Map.entry("recovering", RUNNING),
            Map.entry("idle", RUNNING),
            Map.entry("running", RUNNING),
            Map.entry("busy", RUNNING),
            Map.entry("shutting_down", RUNNING),
            Map.entry("error", FAILED),
            Map.entry("dead", FAILED),
            Map.entry("killed", CANCELLED),
            Map.entry("success", SUCCEEDED));

    private LivyStates() {}
}

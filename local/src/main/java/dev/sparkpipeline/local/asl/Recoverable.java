package dev.sparkpipeline.local.asl;

import java.util.Map;

/**
 * The states that do work (Task, Parallel, Map): what fails in them is retried and caught, and their
 * result is placed, as their {@link Outcome} says.
 */
public sealed interface Recoverable extends State permits TaskState, ParallelState, MapState {

    DataPath inputPath();

    /** What becomes of the work's result or failure. */
    Outcome outcome();

    /** Next, then the catchers' Next: what the outcome may go to. */
    @Override
    default Map<String, String> transitions() {
        return outcome().transitions();
    }
}

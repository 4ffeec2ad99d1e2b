package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The states that do work (Task, Parallel, Map): what fails in them is retried by their retriers and
 * caught by their catchers, and their result goes through ResultSelector, Assign, ResultPath and
 * OutputPath in that order.
 */
public sealed interface Recoverable permits TaskState, ParallelState, MapState {

    DataPath inputPath();

    /** The ResultSelector payload template, or null. */
    JsonNode resultSelector();

    DataPath resultPath();

    DataPath outputPath();

    /** The Assign template, or null. */
    JsonNode assign();

    List<Retrier> retry();

    List<Catcher> catchers();

    /** The next state, or null when this one ends the execution. */
    String next();
}

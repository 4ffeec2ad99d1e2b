package dev.sparkpipeline.local.cli;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.outcome.Manifest;
import dev.sparkpipeline.local.report.ExecutionPath;
import dev.sparkpipeline.local.runner.ExecutionLedger;

/**
 * What became of one execution a drop's files went to.
 *
 * @param name     the execution's name
 * @param input    its input, or null when the runner knows none
 * @param how      whether this drop ran it
 * @param status   how it ended ({@code SUCCEEDED}, {@code FAILED}, ...), or null when it did not end here
 * @param error    its error, or null
 * @param cause    the error's cause, or null
 * @param manifest the run's manifest when it succeeded here, else null
 * @param earlier  the ledger's entry of the earlier run, when it ran before or runs elsewhere
 * @param path     the path it took through the state machine when it ran here, else null
 */
record ExecutionResult(
        String name,
        ExecutionInput input,
        How how,
        String status,
        String error,
        String cause,
        Manifest manifest,
        ExecutionLedger.Entry earlier,
        ExecutionPath path) {

    /** Whether the drop ran the execution. */
    enum How {
        /** Run by this drop, to its end. */
        RAN,
        /** Ended before this drop (a repeated object version, a file in a batch that ran). */
        RAN_BEFORE,
        /** Being run now by another runner process. */
        RUNNING_ELSEWHERE,
        /** Named by a function's answer, but the runner finds no input for it. */
        UNKNOWN
    }

    /** Whether it ended successfully, here or before. */
    boolean succeeded() {
        return "SUCCEEDED".equals(status);
    }

    /** How many landed files the execution is about: a batch's members, else one. */
    int files() {
        return input != null && input.isBatch() ? input.batch().files() : 1;
    }
}

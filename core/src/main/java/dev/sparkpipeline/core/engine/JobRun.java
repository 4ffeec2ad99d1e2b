package dev.sparkpipeline.core.engine;

/**
 * What submit and track both return, and the state machine keeps at {@code $.run}: the handle to
 * find the job again and its latest status (whose {@code nextPollSeconds} drives the Wait state).
 * A submission the engine refused for capacity has no handle: its status is QUEUED, and its
 * {@code nextPollSeconds} says when to submit again.
 *
 * @param handle the job's handle, or null when the engine has not admitted the job yet
 * @param status the latest observation
 */
public record JobRun(JobHandle handle, JobStatus status) {

    /** True once the engine holds the job: a handle to track and cancel it by. */
    public boolean admitted() {
        return handle != null;
    }
}

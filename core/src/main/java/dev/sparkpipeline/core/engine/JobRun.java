package dev.sparkpipeline.core.engine;

/**
 * What submit and track both return, and the state machine keeps at {@code $.run}: the handle to
 * find the job again and its latest status (whose {@code nextPollSeconds} drives the Wait state).
 *
 * @param handle the job's handle
 * @param status the latest observation
 */
public record JobRun(JobHandle handle, JobStatus status) {}

package dev.sparkpipeline.submit;

import dev.sparkpipeline.core.engine.JobHandle;

/**
 * An event that names a submitted job: the cancel function's input.
 *
 * @param handle the handle submit returned
 */
public record JobHandleRequest(JobHandle handle) {
}

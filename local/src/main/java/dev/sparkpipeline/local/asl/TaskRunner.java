package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs a Task state's resource: in the local runner, Lambda handlers in-process and local
 * stand-ins for the AWS SDK integrations. A failure is a {@link StatesError} whose error name is
 * what the service would report (a function's {@code errorType}, {@code Lambda.ServiceException}).
 */
@FunctionalInterface
public interface TaskRunner {

    /** The task's raw result for these effective parameters. */
    JsonNode run(String resource, JsonNode parameters);
}

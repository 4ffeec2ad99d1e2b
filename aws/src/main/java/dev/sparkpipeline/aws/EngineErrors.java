package dev.sparkpipeline.aws;

import dev.sparkpipeline.core.error.AccessDenied;
import dev.sparkpipeline.core.error.ConcurrentRunsExceeded;
import dev.sparkpipeline.core.error.EngineThrottled;
import dev.sparkpipeline.core.error.EngineUnavailable;
import dev.sparkpipeline.core.error.InvalidJobConfig;
import dev.sparkpipeline.core.error.NotFound;
import dev.sparkpipeline.core.error.PipelineException;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns an engine API's failure (after the SDK's own retries) into the typed error the state
 * machine routes on. Error codes are the services' own, from their API references.
 */
public final class EngineErrors {

    private static final Set<String> THROTTLING = Set.of(
            "ThrottlingException",
            "Throttling",
            "TooManyRequestsException",
            "RequestLimitExceeded",
            "ProvisionedThroughputExceededException",
            "SlowDown");
    private static final Set<String> ACCESS =
            Set.of("AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "UnrecognizedClientException");
    private static final Set<String> MISSING =
            Set.of("ResourceNotFoundException", "EntityNotFoundException", "NotFoundException");
    private static final Set<String> CAPACITY = Set.of(
            "ConcurrentRunsExceededException", "ServiceQuotaExceededException", "ResourceNumberLimitExceededException");
    private static final Map<Integer, String> STATUS_NAMES = Map.of(429, "throttled", 403, "denied", 404, "not found");

    private EngineErrors() {}

    /** Runs one engine call, translating its failure. */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            throw translate(what, e);
        } catch (SdkClientException e) {
            throw new EngineUnavailable(what + " could not reach the engine: " + e.getMessage(), e);
        }
    }

    static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    static PipelineException translate(String what, AwsServiceException e) {
        // Set.of(...).contains(null) throws: an answer without an error code (a bare 5xx) reads as "".
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? ""
                : e.awsErrorDetails().errorCode();
        int status = e.statusCode();
        String message =
                what + " failed: " + (code.isEmpty() ? STATUS_NAMES.getOrDefault(status, "HTTP " + status) : code)
                        + (e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                                ? ""
                                : " " + e.awsErrorDetails().errorMessage());
        if (e.isThrottlingException() || THROTTLING.contains(code) || status == 429) {
            return new EngineThrottled(message, e);
        }
        if (CAPACITY.contains(code)) {
            return new ConcurrentRunsExceeded(message, e);
        }
        if (ACCESS.contains(code) || status == 403) {
            return new AccessDenied(message, e);
        }
        if (MISSING.contains(code) || status == 404) {
            return new NotFound(message, e);
        }
        if (status >= 500) {
            return new EngineUnavailable(message, e);
        }
        return new InvalidJobConfig(message, e);
    }
}

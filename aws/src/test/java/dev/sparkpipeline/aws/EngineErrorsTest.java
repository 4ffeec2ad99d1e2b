package dev.sparkpipeline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.error.AccessDenied;
import dev.sparkpipeline.core.error.ConcurrentRunsExceeded;
import dev.sparkpipeline.core.error.EngineThrottled;
import dev.sparkpipeline.core.error.EngineUnavailable;
import dev.sparkpipeline.core.error.InvalidJobConfig;
import dev.sparkpipeline.core.error.NotFound;
import dev.sparkpipeline.core.error.PipelineException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class EngineErrorsTest {

    private static final Map<String, Class<? extends PipelineException>> TYPES = Map.of(
            "EngineThrottled",
            EngineThrottled.class,
            "ConcurrentRunsExceeded",
            ConcurrentRunsExceeded.class,
            "AccessDenied",
            AccessDenied.class,
            "NotFound",
            NotFound.class,
            "EngineUnavailable",
            EngineUnavailable.class,
            "InvalidJobConfig",
            InvalidJobConfig.class);

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "ThrottlingException, 400, EngineThrottled, true",
        "TooManyRequestsException, 429, EngineThrottled, true",
        "'', 429, EngineThrottled, true",
        "ConcurrentRunsExceededException, 400, ConcurrentRunsExceeded, true",
        "ServiceQuotaExceededException, 402, ConcurrentRunsExceeded, true",
        "AccessDeniedException, 403, AccessDenied, false",
        "ResourceNotFoundException, 404, NotFound, false",
        "EntityNotFoundException, 400, NotFound, false",
        "InternalServerException, 500, EngineUnavailable, true",
        "'', 503, EngineUnavailable, true",
        "ValidationException, 400, InvalidJobConfig, false",
        "InvalidInputException, 400, InvalidJobConfig, false"
    })
    void translatesEachServiceErrorToTheTypeTheStateMachineRoutesOn(
            String code, int status, String type, boolean retriable) {
        var failure = AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code.isEmpty() ? null : code)
                        .build())
                .build();

        PipelineException translated = EngineErrors.translate("StartJobRun", failure);

        assertThat(translated).isInstanceOf(TYPES.get(type)).hasMessageStartingWith("StartJobRun failed");
        assertThat(translated.retriable()).isEqualTo(retriable);
    }
}

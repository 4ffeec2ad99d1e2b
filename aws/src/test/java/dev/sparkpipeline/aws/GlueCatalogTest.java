package dev.sparkpipeline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.error.EngineThrottled;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.CreateTableResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.GetTableResponse;
import software.amazon.awssdk.services.glue.model.GlueException;

/** The registration's failure paths moto cannot stage: a race with another publish, a throttled Glue. */
class GlueCatalogTest {

    @Test
    void aTableAnotherPublishRegisteredBetweenTheTwoCallsIsNotAnError() {
        GlueCatalog catalog = new GlueCatalog(
                glue(() -> {
                    throw AlreadyExistsException.builder().message("exists").build();
                }),
                "pipeline_curated");

        assertThat(catalog.register("orders", "s3://c/orders", "s3://c/orders/metadata/1.json"))
                .isFalse();
    }

    @Test
    void aThrottledRegistrationIsRetriableNotAConfigurationError() {
        GlueCatalog catalog = new GlueCatalog(
                glue(() -> {
                    throw GlueException.builder()
                            .statusCode(400)
                            .awsErrorDetails(AwsErrorDetails.builder()
                                    .errorCode("ThrottlingException")
                                    .build())
                            .build();
                }),
                "pipeline_curated");

        assertThatThrownBy(() -> catalog.register("orders", "s3://c/orders", "s3://c/orders/metadata/1.json"))
                .isInstanceOf(EngineThrottled.class)
                .hasMessageStartingWith("CreateTable failed: ThrottlingException");
    }

    /** A Glue that knows no table and answers CreateTable with {@code create}. */
    private static GlueClient glue(Runnable create) {
        return new GlueClient() {
            @Override
            public GetTableResponse getTable(Consumer<GetTableRequest.Builder> request) {
                throw EntityNotFoundException.builder().message("no table").build();
            }

            @Override
            public CreateTableResponse createTable(Consumer<CreateTableRequest.Builder> request) {
                create.run();
                return CreateTableResponse.builder().build();
            }

            @Override
            public String serviceName() {
                return "glue";
            }

            @Override
            public void close() {}
        };
    }
}

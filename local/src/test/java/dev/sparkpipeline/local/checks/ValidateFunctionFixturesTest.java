package dev.sparkpipeline.local.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.aws.S3ObjectStore;
import dev.sparkpipeline.aws.StepFunctionsExecutionStarter;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.core.landing.LandingRules;
import dev.sparkpipeline.core.landing.LandingValidator;
import dev.sparkpipeline.core.landing.QuarantineWriter;
import dev.sparkpipeline.core.observability.EventLog;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.testing.Fixtures;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What {@code sam local invoke ValidateFunction -e events/<event>.json} does, without SAM: the
 * handler class the template names receives each landing fixture's bytes and answers with one
 * outcome per object it announces (here every object is missing: the events name no real files).
 */
class ValidateFunctionFixturesTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyLandingFixtureReachesTheTemplatesHandler() throws IOException {
        String handlerClass = SamTemplate.read(ProjectFiles.template())
                .functions()
                .get("ValidateFunction")
                .handlerClass();
        RequestStreamHandler handler = handler(handlerClass);
        try (Stream<Path> files = Files.list(ProjectFiles.root().resolve("events"))) {
            return files
                    .filter(file -> file.getFileName().toString().matches("(s3|eventbridge)-.*\\.json"))
                    .sorted()
                    .toList()
                    .stream()
                    .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                        byte[] event = Files.readAllBytes(file);
                        var out = new ByteArrayOutputStream();

                        handler.handleRequest(new ByteArrayInputStream(event), out, null);

                        JsonNode report = JSON.readTree(out.toByteArray());
                        assertThat(report.path("files").size()).isEqualTo(announcedObjects(JSON.readTree(event)));
                        report.path("files")
                                .forEach(outcome -> assertThat(
                                                outcome.path("outcome").asText())
                                        .isEqualTo("MISSING"));
                    }));
        }
    }

    private static int announcedObjects(JsonNode event) {
        if (event.has("Records")) {
            int created = 0;
            for (JsonNode record : event.path("Records")) {
                created += record.path("eventName").asText().startsWith("ObjectCreated:") ? 1 : 0;
            }
            return created;
        }
        return event.has("detail") ? 1 : 0;
    }

    // A handler the template names but that cannot be built fails the test: an assertion, not a linkage error.
    @SuppressWarnings("RethrowReflectiveOperationExceptionAsLinkageError")
    private static RequestStreamHandler handler(String className) {
        var s3 = moto.clients().s3();
        s3.createBucket(b -> b.bucket("landing-bucket"));
        var store = new S3ObjectStore(s3);
        var validator = new LandingValidator(
                store,
                new StepFunctionsExecutionStarter(
                        moto.clients().stepFunctions(),
                        "arn:aws:states:us-east-1:123456789012:stateMachine:pipeline",
                        Clock.systemUTC()),
                new LandingRules(Fixtures.perFileCatalog()),
                new QuarantineWriter(store, "quarantine-bucket", "quarantine/", false),
                Fixtures.noIntakeQueue(),
                new EventLog("validate", line -> {}, Clock.systemUTC()),
                new Metrics("SparkPipeline", "validate", line -> {}, Clock.systemUTC()));
        try {
            return Class.forName(className)
                    .asSubclass(RequestStreamHandler.class)
                    .getConstructor(LandingValidator.class)
                    .newInstance(validator);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the template's ValidateFunction handler " + className + " cannot be built", e);
        }
    }
}

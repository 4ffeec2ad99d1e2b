package dev.sparkpipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.aws.S3ObjectStore;
import dev.sparkpipeline.aws.StepFunctionsExecutionStarter;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.core.landing.LandingRules;
import dev.sparkpipeline.core.landing.LandingValidator;
import dev.sparkpipeline.core.landing.QuarantineWriter;
import dev.sparkpipeline.core.observability.EventLog;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * The duplicate storm: 1,000 landing events for 700 distinct objects (some delivered twice, some
 * three times) handed to validate functions running side by side, as Lambda runs concurrent
 * containers, with the real S3 and Step Functions clients against moto. Exactly one execution per
 * object must start: none twice, none missing.
 */
class DuplicateStormContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final int OBJECTS = 700;
    private static final int EVENTS = 1_000;
    private static final int CONTAINERS = 8;

    @Test
    void aThousandEventsForSevenHundredObjectsStartExactlySevenHundredExecutions() throws Exception {
        S3Client s3 = moto.clients().s3();
        SfnClient sfn = moto.clients().stepFunctions();
        for (String bucket : List.of("landing-bucket", "quarantine-bucket")) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putBucketVersioning(
                    b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
        String stateMachine = sfn.createStateMachine(b -> b.name("pipeline")
                        .roleArn("arn:aws:iam::123456789012:role/pipeline")
                        .definition("{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}"))
                .stateMachineArn();
        byte[] orders = Fixtures.bytes("data/orders.csv");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < OBJECTS; i++) {
            String key = "orders/2026/11/22/storm-" + i + ".csv";
            String version = s3.putObject(b -> b.bucket("landing-bucket").key(key), RequestBody.fromBytes(orders))
                    .versionId();
            events.add(new String(Fixtures.bytes("s3-put.json"), StandardCharsets.UTF_8)
                    .replace("orders/2026/11/22/orders-001.csv", key)
                    .replace("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", version));
        }
        Random random = new Random(42);
        List<String> deliveries = new ArrayList<>(events);
        while (deliveries.size() < EVENTS) {
            deliveries.add(events.get(random.nextInt(OBJECTS)));
        }
        Collections.shuffle(deliveries, random);

        Map<String, Set<String>> outcomesByName = new ConcurrentHashMap<>();
        ExecutorService containers = Executors.newFixedThreadPool(CONTAINERS);
        ThreadLocal<ValidateObjectHandler> handlers = ThreadLocal.withInitial(() -> handler(s3, sfn, stateMachine));
        List<Future<?>> invocations = new ArrayList<>();
        for (String event : deliveries) {
            invocations.add(containers.submit(() -> {
                var out = new ByteArrayOutputStream();
                handlers.get()
                        .handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
                @SuppressWarnings("unchecked")
                Map<String, Object> file = (Map<String, Object>)
                        ((List<Object>) JSON.std.mapFrom(out.toByteArray()).get("files")).get(0);
                outcomesByName
                        .computeIfAbsent((String) file.get("executionName"), name -> ConcurrentHashMap.newKeySet())
                        .add((String) file.get("outcome"));
                return null;
            }));
        }
        for (Future<?> invocation : invocations) {
            invocation.get();
        }
        containers.shutdown();

        List<String> executions = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = sfn.listExecutions(
                    b -> b.stateMachineArn(stateMachine).nextToken(next).maxResults(1000));
            page.executions().stream().map(ExecutionListItem::name).forEach(executions::add);
            token = page.nextToken();
        } while (token != null);

        assertThat(executions).hasSize(OBJECTS).doesNotHaveDuplicates();
        assertThat(new HashSet<>(executions)).isEqualTo(outcomesByName.keySet());
        assertThat(outcomesByName.values())
                .allSatisfy(outcomes -> assertThat(outcomes).isSubsetOf("ACCEPTED", "DUPLICATE"));
    }

    private static ValidateObjectHandler handler(S3Client s3, SfnClient sfn, String stateMachine) {
        var store = new S3ObjectStore(s3);
        return new ValidateObjectHandler(new LandingValidator(
                store,
                new StepFunctionsExecutionStarter(sfn, stateMachine, Clock.systemUTC()),
                new LandingRules(Fixtures.perFileCatalog()),
                new QuarantineWriter(store, "quarantine-bucket", "quarantine/", false),
                Fixtures.noIntakeQueue(),
                new EventLog("validate", line -> {}, Clock.systemUTC()),
                new Metrics("SparkPipeline", "validate", line -> {}, Clock.systemUTC())));
    }
}

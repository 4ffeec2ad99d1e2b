package dev.sparkpipeline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sparkpipeline.aws.priming.SnapStartPriming;
import dev.sparkpipeline.core.storage.StoredObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The functions' HTTP client answers a warm-up from its canned answers and nothing else; every other call goes out. */
class CannedHttpClientTest {

    private HttpServer endpoint;
    private final AtomicInteger requests = new AtomicInteger();
    private S3ObjectStore store;

    @BeforeEach
    void startAnEndpointThatCountsRequests() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        endpoint.start();
        store = new S3ObjectStore(AwsClients.forEndpoint(
                        "us-east-1",
                        URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort()))
                .s3());
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
    }

    @Test
    void aWarmUpGetsTheCannedAnswerAndTheEndpointSeesNothing() {
        AtomicReference<Optional<StoredObject>> head = new AtomicReference<>();
        var warmUp = SnapStartPriming.register(
                () -> S3ObjectStore.cannedAnswers("0123456789abcdef0123456789abcdef", "a,b\n1,2\n"),
                () -> head.set(store.head("any-bucket", "any/key.csv", null)));

        assertThat(warmUp.runNow()).isEmpty();
        assertThat(head.get()).get().satisfies(object -> {
            assertThat(object.size()).isEqualTo(8);
            assertThat(object.etag()).isEqualTo("0123456789abcdef0123456789abcdef");
        });
        assertThat(requests).hasValue(0);
    }

    @Test
    void aWarmUpCallWithoutACannedAnswerFailsWithoutReachingTheEndpoint() {
        var warmUp = SnapStartPriming.register(
                StepFunctionsExecutionStarter::cannedAnswers,
                () -> store.copy("any-bucket", "a.csv", null, "other-bucket", "b.csv"));

        assertThat(warmUp.runNow())
                .get()
                .satisfies(failure -> assertThat(failure).hasStackTraceContaining("a warm-up reaches no network"));
        assertThat(requests).hasValue(0);
    }

    @Test
    void outsideWarmUpsCallsReachTheEndpoint() {
        // The endpoint answers 404 to everything: to the bucket too, so the head reports the bucket missing.
        assertThatThrownBy(() -> store.head("any-bucket", "any/key.csv", null))
                .isInstanceOf(dev.sparkpipeline.core.error.NotFound.class)
                .hasMessageContaining("any-bucket");

        assertThat(requests).hasPositiveValue();
    }
}

package dev.sparkpipeline.aws;

import dev.sparkpipeline.aws.priming.CannedResponse;
import dev.sparkpipeline.aws.priming.SnapStartPriming;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The functions' HTTP client: the real one, except on a thread running a SnapStart warm-up with
 * canned answers ({@link SnapStartPriming#register(Supplier, SnapStartPriming.WarmUp)}), where every
 * request gets its canned answer and none reaches the network.
 */
final class CannedHttpClient implements SdkHttpClient {

    private final SdkHttpClient network;

    CannedHttpClient(SdkHttpClient network) {
        this.network = network;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        List<CannedResponse> answers = SnapStartPriming.cannedAnswers();
        if (answers == null) {
            return network.prepareRequest(request);
        }
        var http = request.httpRequest();
        String target = http.firstMatchingHeader("X-Amz-Target").orElse(null);
        CannedResponse answer = answers.stream()
                .filter(canned -> canned.matches(http.method().name(), http.encodedPath(), target))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("a warm-up reaches no network: no canned answer for "
                        + http.method() + " " + http.encodedPath() + (target == null ? "" : " (" + target + ")")));
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                var response = SdkHttpResponse.builder().statusCode(answer.status());
                answer.headers().forEach(response::putHeader);
                var executed = HttpExecuteResponse.builder().response(response.build());
                byte[] body = answer.body();
                if (body.length > 0) {
                    executed.responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)));
                }
                return executed.build();
            }

            @Override
            public void abort() {
                // Nothing in flight.
            }
        };
    }

    @Override
    public String clientName() {
        return network.clientName();
    }

    @Override
    public void close() {
        network.close();
    }
}

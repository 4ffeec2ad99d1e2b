package dev.sparkpipeline.aws.livy;

import dev.sparkpipeline.core.error.AccessDenied;
import dev.sparkpipeline.core.error.ConcurrentRunsExceeded;
import dev.sparkpipeline.core.error.EngineThrottled;
import dev.sparkpipeline.core.error.EngineUnavailable;
import dev.sparkpipeline.core.error.InvalidJobConfig;
import dev.sparkpipeline.core.error.NotFound;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Livy's batch REST API ({@code /batches}) over the JDK's HTTP client, its failures turned into
 * the pipeline's typed errors: unreachable, 5xx and non-JSON answers are {@link EngineUnavailable},
 * 429 {@link EngineThrottled}, 401 and 403 {@link AccessDenied}, Livy's refusal to create more
 * sessions at once {@link ConcurrentRunsExceeded}, any other 4xx {@link InvalidJobConfig} with
 * Livy's message.
 *
 * @param endpoint Livy's address, {@code http://<primary node>:8998}
 * @param http     the HTTP client
 * @param timeout  how long one request may take
 */
public record LivyClient(URI endpoint, HttpClient http, Duration timeout) {

    /** Livy's answer to a POST while {@code livy.server.session.max-creation} sessions are starting (SessionServlet). */
    static final String TOO_MANY_SESSIONS = "Rejected, too many sessions are being created!";

    /** A client with a 5 s connect and 30 s request timeout: each call is one Lambda's few seconds. */
    public static LivyClient to(URI endpoint) {
        return new LivyClient(
                endpoint,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                Duration.ofSeconds(30));
    }

    /** {@code POST /batches}: the batch Livy created. */
    public LivyBatch submit(LivyBatchRequest request) {
        var answer = send(
                "POST /batches",
                request("/batches")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(LivyJson.write(request))));
        return LivyJson.batch(expect("POST /batches", answer));
    }

    /** {@code GET /batches/{id}}: the batch now holding that id, or empty when Livy has none (404). */
    public Optional<LivyBatch> batch(int id) {
        String what = "GET /batches/" + id;
        var answer = send(what, request("/batches/" + id).GET());
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(LivyJson.batch(expect(what, answer)));
    }

    /** {@code GET /batches?from=&size=}: one page of the batches Livy holds. */
    public LivyBatchPage batches(int from, int size) {
        String what = "GET /batches?from=" + from + "&size=" + size;
        return LivyJson.page(expect(
                what,
                send(what, request("/batches?from=" + from + "&size=" + size).GET())));
    }

    /** {@code GET /batches/{id}/log?from=&size=}: a slice of the batch's log. */
    public LivyLog log(int id, int from, int size) {
        String what = "GET /batches/" + id + "/log";
        return LivyJson.log(expect(
                what,
                send(
                        what,
                        request("/batches/" + id + "/log?from=" + from + "&size=" + size)
                                .GET())));
    }

    /**
     * {@code DELETE /batches/{id}}: kills the batch. True when Livy stopped it, false when it had
     * no such batch or the batch had stopped already (both 404).
     */
    public boolean delete(int id) {
        String what = "DELETE /batches/" + id;
        var answer = send(what, request("/batches/" + id).DELETE());
        if (answer.statusCode() == 404) {
            return false;
        }
        expect(what, answer);
        return true;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(endpoint.toString().replaceFirst("/+$", "") + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                // Livy's CSRF protection (livy.server.csrf-protection.enabled) refuses a POST or DELETE without it.
                .header("X-Requested-By", "spark-pipeline");
    }

    private HttpResponse<byte[]> send(String what, HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new EngineUnavailable(what + " could not reach Livy at " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailable(what + " was interrupted", e);
        }
    }

    /** The body of a 2xx answer; anything else as the typed error it stands for. */
    private static byte[] expect(String what, HttpResponse<byte[]> answer) {
        int status = answer.statusCode();
        if (status >= 200 && status < 300) {
            return answer.body();
        }
        String said = LivyJson.message(answer.body());
        String message = what + " failed: HTTP " + status + (said == null ? "" : " " + said);
        if (status == 429) {
            throw new EngineThrottled(message);
        }
        if (status == 401 || status == 403) {
            throw new AccessDenied(message);
        }
        if (status == 404) {
            throw new NotFound(message);
        }
        if (status >= 500) {
            throw new EngineUnavailable(message);
        }
        if (TOO_MANY_SESSIONS.equals(said)) {
            throw new ConcurrentRunsExceeded(message);
        }
        throw new InvalidJobConfig(message);
    }
}

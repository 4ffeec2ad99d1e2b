package dev.sparkpipeline.local.endpoint;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An HTTP proxy in front of an AWS-compatible endpoint that fails requests the way AWS does when
 * it throttles or breaks: of every operation it is told to fault, the 1st, 3rd, 5th... request
 * gets a throttling error, a 500 or a 503 in turn, in that service's own error format, and never
 * reaches the endpoint; the others pass through. A call the SDK retries is so faulted once and
 * then succeeds; a Step Functions integration (one request per task attempt) fails its attempt and
 * the definition's Retry makes the next one. Binds to 127.0.0.1 on a free port.
 */
final class FaultInjectingProxy implements AutoCloseable {

    /** One request: its operation, and the fault it got, or null when it passed through. */
    record Request(String operation, Fault fault) {}

    /** The faults, in the order each operation gets them; REFUSED is for {@link #refuse} only. */
    enum Fault {
        THROTTLING,
        INTERNAL_ERROR,
        UNAVAILABLE,
        REFUSED
    }

    private static final List<Fault> TRANSIENT = List.of(Fault.THROTTLING, Fault.INTERNAL_ERROR, Fault.UNAVAILABLE);

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "content-length", "expect", "host", "upgrade", "transfer-encoding", "keep-alive", "date");

    private final URI target;
    private final Predicate<String> faulted;
    private final HttpServer server;
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> refusedAfter = new ConcurrentHashMap<>();

    /**
     * @param target  the endpoint
     * @param faulted which operations ({@code s3:HeadObject}, {@code states:StartExecution}, ...) to fault
     */
    FaultInjectingProxy(URI target, Predicate<String> faulted) throws IOException {
        this.target = target;
        this.faulted = faulted;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request of the operation is refused with a 400 ValidationException. */
    void refuse(String operation) {
        refuse(operation, 0);
    }

    /** Every request of the operation after its first {@code requests} is refused with a 400 ValidationException. */
    void refuse(String operation, int requests) {
        refusedAfter.put(operation, requests);
    }

    /** Every request so far, in order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Faults injected by operation. */
    Map<String, Integer> faultsByOperation() {
        Map<String, Integer> faults = new TreeMap<>();
        requests.stream()
                .filter(request -> request.fault() != null)
                .forEach(request -> faults.merge(request.operation(), 1, Integer::sum));
        return faults;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String operation = AwsOperation.of(
                    exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestHeaders(), body);
            Fault fault = null;
            int count = counts.computeIfAbsent(operation, name -> new AtomicInteger())
                    .incrementAndGet();
            if (count > refusedAfter.getOrDefault(operation, Integer.MAX_VALUE)) {
                fault = Fault.REFUSED;
            } else if (faulted.test(operation)) {
                if (count % 2 == 1) {
                    fault = TRANSIENT.get((count / 2) % TRANSIENT.size());
                }
            }
            requests.add(new Request(operation, fault));
            if (fault != null) {
                fail(exchange, operation, fault);
            } else {
                forward(exchange, body);
            }
        } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(502, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(
                        target.resolve(exchange.getRequestURI().getRawPath()
                                + (exchange.getRequestURI().getRawQuery() == null
                                        ? ""
                                        : "?" + exchange.getRequestURI().getRawQuery())))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, new ArrayList<>(values));
            }
        });
        boolean head = exchange.getRequestMethod().equals("HEAD");
        response.headers()
                .firstValue("content-length")
                .filter(length -> head)
                .ifPresent(length -> exchange.getResponseHeaders().set("Content-Length", length));
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), head || answer.length == 0 ? -1 : answer.length);
        if (!head && answer.length > 0) {
            exchange.getResponseBody().write(answer);
        }
    }

    /** The fault as the service would send it: status, error code, body format. */
    private static void fail(HttpExchange exchange, String operation, Fault fault) throws IOException {
        String service = operation.substring(0, operation.indexOf(':'));
        int status = switch (fault) {
            case THROTTLING -> service.equals("s3") ? 503 : service.equals("emr-serverless") ? 429 : 400;
            case INTERNAL_ERROR -> 500;
            case UNAVAILABLE -> 503;
            case REFUSED -> 400;
        };
        String code = switch (fault) {
            case THROTTLING ->
                service.equals("s3") ? "SlowDown" : service.equals("sns") ? "Throttling" : "ThrottlingException";
            case INTERNAL_ERROR -> service.equals("s3") ? "InternalError" : "InternalFailure";
            case UNAVAILABLE -> "ServiceUnavailable";
            case REFUSED -> "ValidationException";
        };
        String message = "injected by the fault proxy";
        String body;
        if (service.equals("s3")) {
            exchange.getResponseHeaders().set("Content-Type", "application/xml");
            body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                    + "</Message><RequestId>fault</RequestId></Error>";
        } else if (service.equals("sns")) {
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            body = "<ErrorResponse><Error><Type>" + (status >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + code
                    + "</Code><Message>" + message + "</Message></Error><RequestId>fault</RequestId></ErrorResponse>";
        } else {
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().set("x-amzn-ErrorType", code);
            body = "{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}";
        }
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

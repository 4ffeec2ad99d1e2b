package dev.sparkpipeline.aws.priming;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a warm-up gets instead of an AWS answer: the response to the first request that matches,
 * so a warm-up can run a function's success path (success responses unmarshalled, the function's
 * own handling of them) without touching AWS, and without starting or copying anything.
 *
 * @param method       the HTTP method to match
 * @param pathContains text the request's path contains, or null for any path
 * @param target       the {@code X-Amz-Target} to match (JSON protocols), or null for any
 * @param status       the response status
 * @param headers      the response headers
 * @param body         the response body
 */
// The body is copied in and only streamed out; nothing compares or hashes an answer, where an
// array component would compare by identity.
@SuppressWarnings("ArrayRecordComponent")
public record CannedResponse(
        String method, String pathContains, String target, int status, Map<String, String> headers, byte[] body) {

    public CannedResponse {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    /** A JSON-protocol answer ({@code X-Amz-Target} APIs: Step Functions, Glue, EMR). */
    public static CannedResponse json(String target, String body) {
        return new CannedResponse(
                "POST",
                null,
                target,
                200,
                Map.of("Content-Type", "application/x-amz-json-1.0"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** A REST answer (S3, EMR Serverless) to {@code method} on a path containing {@code pathContains}. */
    public static CannedResponse rest(
            String method, String pathContains, int status, Map<String, String> headers, String body) {
        return new CannedResponse(method, pathContains, null, status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether this answers a request with this method, path and target header (null when absent). */
    public boolean matches(String requestMethod, String path, String requestTarget) {
        return method.equalsIgnoreCase(requestMethod)
                && (pathContains == null || path.contains(pathContains))
                && (target == null || target.equals(requestTarget));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}

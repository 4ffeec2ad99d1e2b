package dev.sparkpipeline.local.endpoint;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the AWS operation an HTTP request makes, {@code <signing name>:<Operation>}: the service
 * from the SigV4 credential scope; the operation from {@code X-Amz-Target} (JSON protocols), the
 * {@code Action} form field (query protocols), or the method and path (S3, EMR Serverless).
 */
final class AwsOperation {

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([^&]+)");

    private AwsOperation() {}

    static String of(String method, URI uri, Headers headers, byte[] body) {
        String authorization = headers.getFirst("Authorization");
        Matcher scope = SCOPE.matcher(authorization == null ? "" : authorization);
        String service = scope.find() ? scope.group(1) : "unsigned";
        String target = headers.getFirst("X-Amz-Target");
        if (target != null) {
            return service + ":" + target.substring(target.indexOf('.') + 1);
        }
        Matcher action = ACTION.matcher(new String(body, StandardCharsets.UTF_8));
        if (method.equals("POST") && action.find()) {
            return service + ":" + URLDecoder.decode(action.group(1), StandardCharsets.UTF_8);
        }
        String[] path = uri.getPath().replaceAll("^/|/$", "").split("/");
        return service + ":"
                + switch (service) {
                    case "s3" -> s3(method, path, uri.getRawQuery() == null ? "" : uri.getRawQuery(), headers);
                    case "emr-serverless" -> emrServerless(method, path);
                    default -> method + " " + uri.getPath();
                };
    }

    private static String s3(String method, String[] path, String query, Headers headers) {
        boolean object = path.length > 1;
        return switch (method) {
            case "HEAD" -> object ? "HeadObject" : "HeadBucket";
            case "GET" ->
                !object
                        ? (query.contains("list-type=2") ? "ListObjectsV2" : "ListObjects")
                        : query.contains("tagging")
                                ? "GetObjectTagging"
                                : headers.containsKey("Range") ? "GetObjectRange" : "GetObject";
            case "PUT" ->
                !object
                        ? "CreateBucket"
                        : headers.containsKey("x-amz-copy-source")
                                ? "CopyObject"
                                : query.contains("tagging") ? "PutObjectTagging" : "PutObject";
            case "DELETE" -> object ? "DeleteObject" : "DeleteBucket";
            case "POST" -> query.contains("delete") ? "DeleteObjects" : "PostObject";
            default -> method;
        };
    }

    private static String emrServerless(String method, String[] path) {
        boolean jobRuns = path.length >= 3 && path[2].equals("jobruns");
        if (jobRuns) {
            return path.length == 3
                    ? (method.equals("POST") ? "StartJobRun" : "ListJobRuns")
                    : method.equals("DELETE") ? "CancelJobRun" : "GetJobRun";
        }
        if (path.length == 1) {
            return method.equals("POST") ? "CreateApplication" : "ListApplications";
        }
        return path.length == 3
                ? (path[2].equals("start") ? "StartApplication" : "StopApplication")
                : method.equals("DELETE")
                        ? "DeleteApplication"
                        : method.equals("GET") ? "GetApplication" : "UpdateApplication";
    }
}

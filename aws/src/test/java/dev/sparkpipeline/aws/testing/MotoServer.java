package dev.sparkpipeline.aws.testing;

import dev.sparkpipeline.aws.AwsClients;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@code moto_server} per test class, on a free loopback port, stopped after the class.
 * A machine without moto_server fails the tests that need it: they never skip.
 *
 * <pre>{@code @RegisterExtension static final MotoServer moto = new MotoServer();}</pre>
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, String> environment;
    private Process process;
    private URI endpoint;
    private Path log;

    public MotoServer() {
        this(Map.of());
    }

    /**
     * A server with extra environment, e.g. {@code MOTO_PORT}: the port moto's own Step Functions
     * interpreter calls for Lambda and the other integrations (point it at a proxy to script them).
     */
    public MotoServer(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        int port = freePort();
        log = Files.createTempFile("moto-server-", ".log");
        try {
            var builder = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("MOTO_PORT", String.valueOf(port));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("moto_server is required for the AWS contract tests and is not on PATH", e);
        }
        endpoint = URI.create("http://127.0.0.1:" + port);
        awaitReady();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The server's base URI. */
    public URI endpoint() {
        return endpoint;
    }

    /** SDK clients pointed at this server (region us-east-1). */
    public AwsClients clients() {
        return AwsClients.forEndpoint("us-east-1", endpoint);
    }

    /** The log moto wrote so far, for failure messages. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Forgets every resource, so each test starts from nothing. */
    public void reset() {
        post("/moto-api/reset", "");
    }

    /** Creates the EMR Serverless application the curate job runs on, as the template does; answers its id. */
    public String createCurateApplication() {
        return clients()
                .emrServerless()
                .createApplication(
                        b -> b.name("curate").releaseLabel("emr-7.9.0").type("SPARK"))
                .applicationId();
    }

    /** Creates the Glue job {@code curate}, as the template does. */
    public void createCurateGlueJob() {
        clients()
                .glue()
                .createJob(b -> b.name("curate")
                        .role("arn:aws:iam::" + Requests.ACCOUNT + ":role/curate-job")
                        .command(c -> c.name("glueetl")
                                .scriptLocation("s3://artifacts-bucket/jobs/curate/GlueCurateEntry.scala"))
                        .glueVersion("5.0"));
    }

    /** POSTs a JSON body to one of moto's own APIs ({@code /moto-api/...}); returns the status. */
    public int post(String path, String json) {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
            int status = connection.getResponseCode();
            connection.disconnect();
            if (status >= 300) {
                throw new IllegalStateException("moto answered " + status + " to POST " + path);
            }
            return status;
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " to moto failed", e);
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited: " + Files.readString(log));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection)
                        endpoint.resolve("/moto-api/").toURL().openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(
                "moto_server did not answer within " + START_TIMEOUT + ": " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

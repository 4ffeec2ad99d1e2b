package dev.sparkpipeline.local.livy;

import dev.sparkpipeline.local.checks.ProjectFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A real Apache Livy 0.7.1 server on a free loopback port, in a JVM of its own (its jars come from
 * {@code tests/livy-server/target/livy-jars}), running batches with Spark 3.5 through a {@code
 * SPARK_HOME} whose {@code bin/spark-submit} is Spark's own {@code SparkSubmit} on this test's class
 * path ({@code local[1]}, client mode). Recovery is off, as on a cluster whose Livy was never told
 * otherwise: a restart forgets every batch and numbers them from 0 again.
 */
final class RealLivy implements AutoCloseable {

    private static final Path JARS = ProjectFiles.root().resolve("tests/livy-server/target/livy-jars");

    private final Path home;
    private final int port;
    private Process server;

    RealLivy(Path work) throws IOException {
        if (!Files.isDirectory(JARS)) {
            throw new IllegalStateException(
                    JARS + " is missing: the build copies Livy's jars there (module tests/livy-server)");
        }
        this.home = work;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            this.port = free.getLocalPort();
        }
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("logs"));
        Files.writeString(home.resolve("conf/livy.conf"), """
                livy.server.host = 127.0.0.1
                livy.server.port = %d
                livy.spark.master = local[1]
                livy.spark.deploy-mode = client
                livy.file.local-dir-whitelist = %s
                """.formatted(port, home));
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path options = home.resolve("spark-submit.options");
        Files.writeString(options, "-Xmx1g -cp " + quoted(System.getProperty("java.class.path")) + "\n");
        // Spark 3.5 on Java 17 needs the local runner's --add-opens flags (the build writes them beside SparkJvmFlags).
        Path opens = home.resolve("spark-java17.args");
        try (var flags = RealLivy.class.getResourceAsStream("/dev/sparkpipeline/local/spark/spark-java17.args")) {
            if (flags == null) {
                throw new IllegalStateException("spark-java17.args is not on the class path: build the local module");
            }
            Files.write(opens, flags.readAllBytes());
        }
        Path sparkSubmit = home.resolve("spark/bin/spark-submit");
        Files.createDirectories(sparkSubmit.getParent());
        Files.writeString(sparkSubmit, """
                #!/bin/sh
                exec '%s' @'%s' @'%s' org.apache.spark.deploy.SparkSubmit "$@"
                """.formatted(java, opens, options));
        Files.setPosixFilePermissions(sparkSubmit, PosixFilePermissions.fromString("rwxr-xr-x"));
        start();
    }

    /** Livy's address. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** An application jar Livy may read (its classes come from the class path spark-submit runs with). */
    Path applicationJar() throws IOException {
        Path jar = home.resolve("probe.jar");
        if (!Files.exists(jar)) {
            try (var out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
                out.flush();
            }
        }
        return jar;
    }

    /** Stops Livy and starts it again, without recovery: its batches forgotten, ids from 0. */
    void restartWithoutRecovery() throws IOException {
        stop();
        start();
    }

    private void start() throws IOException {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java.toString(),
                        "-Xmx512m",
                        "-cp",
                        JARS + "/*:" + home.resolve("conf"),
                        "org.apache.livy.server.LivyServer"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        home.resolve("logs/server.log").toFile()));
        builder.environment().put("LIVY_HOME", home.toString());
        builder.environment().put("LIVY_CONF_DIR", home.resolve("conf").toString());
        builder.environment().put("SPARK_HOME", home.resolve("spark").toString());
        server = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("Livy exited at start: see " + home.resolve("logs/server.log"));
            }
            if (answers()) {
                return;
            }
            sleep(500);
        }
        throw new IllegalStateException("Livy did not answer in 90 s: see " + home.resolve("logs/server.log"));
    }

    private boolean answers() {
        try {
            var connection =
                    (HttpURLConnection) endpoint().resolve("/batches").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private void stop() {
        if (server == null) {
            return;
        }
        // Livy's batches are child processes (spark-submit): they go with it.
        server.descendants().forEach(ProcessHandle::destroy);
        server.destroy();
        try {
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    private static String quoted(String classPath) {
        return "\"" + classPath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}

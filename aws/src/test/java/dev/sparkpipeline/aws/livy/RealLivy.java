package dev.sparkpipeline.aws.livy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Apache Livy 0.7.1's server in its own JVM on a free loopback port, its Spark a {@code SPARK_HOME}
 * assembled from the Spark 3.5.9 jars the curate job builds with ({@code bin/spark-submit} runs
 * {@code SparkSubmit} on that class path; {@code livy.spark.master = local[1]}). Livy 0.7 warns
 * that Spark 3.5 is "not verified" and goes on ({@code LivySparkUtils.testSparkVersion} only
 * requires 2.2 or later). Both class paths are resolved offline with the build's own Maven;
 * Livy's (113 jars, Scala 2.11) must have been fetched once, into {@code -Dlivy.repo} or ~/.m2.
 */
final class RealLivy implements AutoCloseable {

    private final Path home;
    private final int port;
    private Process server;

    RealLivy(Path home) throws IOException, InterruptedException {
        this.home = home;
        this.port = freePort();
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(home.resolve("spark-home/bin"));
        Path root = Path.of(System.getProperty("pipeline.root", "..")).toAbsolutePath();
        Path livyClasspath = home.resolve("livy.classpath");
        Path sparkClasspath = home.resolve("spark.classpath");
        if (!Files.exists(livyClasspath)) {
            Files.writeString(home.resolve("pom.xml"), """
                    <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                      <groupId>test</groupId><artifactId>livy-server-classpath</artifactId><version>1</version>
                      <dependencies><dependency><groupId>org.apache.livy</groupId><artifactId>livy-server</artifactId>
                        <version>0.7.1-incubating</version></dependency></dependencies>
                    </project>
                    """);
            String repo = System.getProperty("livy.repo");
            maven(
                    root,
                    repo == null ? List.of() : List.of("-Dmaven.repo.local=" + repo),
                    "-f",
                    home.resolve("pom.xml").toString(),
                    "dependency:build-classpath",
                    "-Dmdep.outputFile=" + livyClasspath);
        }
        if (!Files.exists(sparkClasspath)) {
            maven(
                    root,
                    List.of(),
                    "-pl",
                    "jobs/curate",
                    "dependency:build-classpath",
                    "-Dmdep.outputFile=" + sparkClasspath);
        }
        Path submit = home.resolve("spark-home/bin/spark-submit");
        Files.writeString(
                submit,
                "#!/bin/sh\n"
                        + "exec java --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED"
                        + " --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED"
                        + " -cp \"$(cat " + sparkClasspath + ")\" org.apache.spark.deploy.SparkSubmit \"$@\"\n");
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                home.resolve("conf/livy.conf"),
                String.join(
                        "\n",
                        "livy.server.host = 127.0.0.1",
                        "livy.server.port = " + port,
                        "livy.spark.master = local[1]",
                        "livy.file.local-dir-whitelist = " + home + "/",
                        ""));
        Files.writeString(
                home.resolve("conf/log4j.properties"),
                String.join(
                        "\n",
                        "log4j.rootCategory=INFO, console",
                        "log4j.appender.console=org.apache.log4j.ConsoleAppender",
                        "log4j.appender.console.layout=org.apache.log4j.PatternLayout",
                        "log4j.appender.console.layout.ConversionPattern=%d %p %c{1}: %m%n",
                        ""));
        start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A jar holding {@link SleepJob}, where Livy lets a batch read local files. */
    Path sleepJobJar() throws IOException {
        Path jar = home.resolve("sleep-job.jar");
        String entry = SleepJob.class.getName().replace('.', '/') + ".class";
        try (var in = SleepJob.class.getClassLoader().getResourceAsStream(entry);
                OutputStream out = Files.newOutputStream(jar);
                var jarOut = new JarOutputStream(out)) {
            jarOut.putNextEntry(new JarEntry(entry));
            in.transferTo(jarOut);
        }
        return jar;
    }

    /** Stops Livy and starts it again on the same port, without recovery: its batches forgotten, ids from 0. */
    void restartWithoutRecovery() throws IOException, InterruptedException {
        stop();
        start();
    }

    private void start() throws IOException, InterruptedException {
        var builder = new ProcessBuilder(
                        "java",
                        "-cp",
                        home.resolve("conf") + ":"
                                + Files.readString(home.resolve("livy.classpath"))
                                        .strip(),
                        "org.apache.livy.server.LivyServer")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        home.resolve("logs/livy.out").toFile()));
        // WebServer reads LIVY_HOME for its static files; LivySparkUtils runs $SPARK_HOME/bin/spark-submit --version.
        builder.environment().put("LIVY_HOME", home.toString());
        builder.environment().put("LIVY_CONF_DIR", home.resolve("conf").toString());
        builder.environment().put("SPARK_HOME", home.resolve("spark-home").toString());
        server = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("Livy exited " + server.exitValue() + ": see " + home.resolve("logs"));
            }
            try {
                var answer = http.send(
                        HttpRequest.newBuilder(endpoint().resolve("/batches"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Livy is still starting.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Livy did not answer within 90 s: see " + home.resolve("logs"));
    }

    private void stop() throws InterruptedException {
        if (server == null) {
            return;
        }
        // The batches' spark-submit JVMs are Livy's children: stop them with it.
        server.descendants().forEach(ProcessHandle::destroyForcibly);
        server.destroy();
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
        server = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static void maven(Path root, List<String> before, String... goal) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-q", "-o"));
        command.addAll(before);
        command.addAll(List.of(goal));
        Process maven = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(maven.getInputStream().readAllBytes());
        if (maven.waitFor() != 0) {
            throw new IllegalStateException("cannot resolve a class path offline (" + String.join(" ", command)
                    + "); fetch Livy's jars once online:\n" + output);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

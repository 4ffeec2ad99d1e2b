package dev.sparkpipeline.local.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the curate job on Spark {@code local[*]} in a child JVM, with the same main class and
 * arguments the engines use, and reads its manifest from its output. The job's deadline is the
 * state machine's: the tracker reports it timed out and the cancel function stops it.
 */
public final class LocalSparkJob {

    /** The curate job's entry point: the class EMR Serverless and EMR run too. */
    public static final String MAIN_CLASS = "dev.sparkpipeline.curate.CurateJob";
    private static final String MANIFEST_PREFIX = "CURATE_MANIFEST ";

    /** Spark 3.5 on Java 17 reaches into these JDK internals (Spark's own launcher opens them too). */
    private static final List<String> JAVA_17_OPENS = List.of(
            "java.base/java.lang", "java.base/java.lang.invoke", "java.base/java.lang.reflect", "java.base/java.io",
            "java.base/java.net", "java.base/java.nio", "java.base/java.util", "java.base/java.util.concurrent",
            "java.base/java.util.concurrent.atomic", "java.base/sun.nio.ch", "java.base/sun.nio.cs",
            "java.base/sun.security.action", "java.base/sun.util.calendar");

    private final String classPath;

    /** @param classPath class path holding Spark and the curate job */
    public LocalSparkJob(String classPath) {
        this.classPath = classPath;
    }

    /** What a finished run left: the manifest on success, the job's own error otherwise. */
    public record Result(boolean succeeded, String manifest, String failure, Path log) {
    }

    /** Starts the job in a child JVM writing to {@code log}, without waiting for it. */
    public Process start(String input, String output, String dataset, String runId, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        JAVA_17_OPENS.forEach(open -> command.add("--add-opens=" + open + "=ALL-UNNAMED"));
        command.addAll(List.of("-Xmx2g", "-XX:+UseParallelGC",
                "-Dspark.master=local[*]", "-Dspark.ui.enabled=false", "-Dspark.sql.shuffle.partitions=4",
                "-Dspark.sql.session.timeZone=UTC", "-Duser.timezone=UTC",
                "-cp", classPath, MAIN_CLASS,
                "--input", input, "--output", output, "--dataset", dataset, "--run-id", runId));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the curate job", e);
        }
    }

    /** What a finished job left in its log. */
    public static Result result(int exitCode, Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            String manifest = lines.stream().filter(line -> line.startsWith(MANIFEST_PREFIX))
                    .map(line -> line.substring(MANIFEST_PREFIX.length())).reduce((a, b) -> b).orElse(null);
            if (exitCode == 0 && manifest != null) {
                return new Result(true, manifest, null, log);
            }
            return new Result(false, null, failureOf(lines, exitCode), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the curate job's log " + log, e);
        }
    }

    /** The job's own words: the uncaught exception's first line, not a stack trace. */
    private static String failureOf(List<String> lines, int exitCode) {
        for (String line : lines) {
            int at = line.indexOf("Exception in thread \"main\" ");
            if (at >= 0) {
                return line.substring(at + "Exception in thread \"main\" ".length());
            }
        }
        return "the curate job exited with code " + exitCode;
    }
}

package dev.sparkpipeline.local.checks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tool the checks depend on (cfn-lint, asl-validator, make). A missing tool is a failure
 * with a clear message, never a skip: CI must not pass by not checking.
 */
public final class ExternalCommand {

    /** What a finished command left. */
    public record Result(int exitCode, String output) {}

    private ExternalCommand() {}

    public static Result run(
            Path directory, Map<String, String> environment, long timeoutSeconds, List<String> command) {
        var builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(
                    "cannot run " + command.get(0) + " (is it installed and on PATH?): " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("reading " + command.get(0) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }
}

package dev.sparkpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of {@code pipeline-local} in-process, as the shell would see it: exit code, stdout and stderr.
 *
 * @param exitCode the exit code (0, 1 or 2; see the README)
 * @param out      what went to stdout
 * @param err      what went to stderr
 */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = PipelineLocal.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /**
     * The message of a usage error, stripped: the run must have exited 2 with that one line on stderr,
     * as a script reading it expects (no stack trace).
     */
    public String usageError() {
        assertThat(exitCode).as(err).isEqualTo(2);
        assertThat(err.strip()).doesNotContain("\n");
        return err.strip();
    }
}

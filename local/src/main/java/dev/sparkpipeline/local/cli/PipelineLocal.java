package dev.sparkpipeline.local.cli;

import dev.sparkpipeline.core.contract.Engine;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/pipeline-local}: the pipeline offline. Exit 0 when the pipeline
 * succeeded, 1 when it ran and failed or quarantined the file, 2 on usage or unreadable input.
 */
@Command(
        name = "pipeline-local",
        mixinStandardHelpOptions = true,
        description =
                "Runs the serverless Spark pipeline on one machine: offline on a local lake folder and local Spark, or against an AWS-compatible endpoint (--aws-endpoint).",
        subcommands = {
            DropCommand.class,
            InvokeCommand.class,
            ExecuteCommand.class,
            ReplayCommand.class,
            CheckConfigCommand.class,
            CheckDeployCommand.class,
            PrepareCommand.class,
            MaintainCommand.class
        })
public final class PipelineLocal implements Runnable {

    /** Usage errors and unreadable input. */
    public static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the exit codes and one-line errors the README documents. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PipelineLocal());
        // --engine emr_serverless works as well as EMR_SERVERLESS.
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.registerConverter(Engine.class, KnownEngines::parse);
        commandLine.registerConverter(LocalDate.class, PipelineLocal::day);
        commandLine.setExitCodeExceptionMapper(exception -> USAGE);
        commandLine.setParameterExceptionHandler((exception, args) -> {
            exception.getCommandLine().getErr().println("pipeline-local: " + exception.getMessage());
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, parsed, parseResult) -> {
            parsed.getErr().println("pipeline-local: " + exception.getMessage());
            return exception instanceof UsageError ? USAGE : 1;
        });
        return commandLine;
    }

    /** A day as {@code --date} and {@code --since} take it; one line saying the form otherwise. */
    static LocalDate day(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "expected a day as YYYY-MM-DD, such as 2026-11-22, but was '" + text + "'");
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                new CommandLine(this), "name a command: drop, invoke, execute, replay, check-config or check-deploy");
    }

    /** Bad arguments or input found after parsing: exit 2 with a one-line message. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }
}

package dev.sparkpipeline.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.local.asl.Execution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * What the local runner knows of every execution it started or ran, across runs and processes:
 * {@code <lake>/_runs/<name>.json}. Step Functions keeps this history in the cloud; offline it is
 * what makes a re-drop of the same object version a duplicate, lets the duplicate report the
 * earlier outcome, and tells a run whose runner died (its process is gone, its state still
 * RUNNING) from one still going. Entries are replaced atomically, so a reader never sees half.
 */
public final class ExecutionLedger {

    /** Where an execution stands. */
    public enum Status {
        /** Started by a function (StartExecution), not run yet. */
        STARTED,
        /** Being run by the runner process the entry names. */
        RUNNING,
        SUCCEEDED,
        FAILED,
        /** Ran longer than the state machine's TimeoutSeconds. */
        TIMED_OUT,
        /** Stopped before it ended: its runner died or was stopped. */
        ABORTED;

        /** True once the execution has ended. */
        public boolean ended() {
            return this != STARTED && this != RUNNING;
        }
    }

    /**
     * One execution.
     *
     * @param name      the execution's name
     * @param status    where it stands
     * @param runnerPid the process that started or runs it
     * @param at        when it reached this status
     * @param error     the error it failed with, or null
     * @param cause     the cause, or null
     * @param input     its input
     */
    public record Entry(
            String name, Status status, long runnerPid, Instant at, String error, String cause, JsonNode input) {

        /** True when the process that started or runs it still lives. */
        public boolean runnerAlive() {
            return ProcessHandle.of(runnerPid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    public ExecutionLedger(Path folder) {
        this.folder = folder;
    }

    /** The ledger of a local lake. */
    public static ExecutionLedger of(Path lakeRoot) {
        return new ExecutionLedger(lakeRoot.resolve("_runs"));
    }

    /** The execution of this name, if it was ever started or run here. */
    public Optional<Entry> find(String name) {
        Path file = file(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode entry = JSON.readTree(file.toFile());
            return Optional.of(new Entry(
                    entry.path("name").asText(),
                    Status.valueOf(entry.path("status").asText()),
                    entry.path("runnerPid").asLong(),
                    Instant.parse(entry.path("at").asText()),
                    entry.path("error").asText(null),
                    entry.path("cause").asText(null),
                    entry.path("input")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the ledger entry " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** Records an execution a function started; false when one of this name already exists. */
    public boolean started(String name, JsonNode input) {
        try {
            Path partial = partial(name, Status.STARTED, null, null, input);
            try {
                // A hard link is made whole or not at all, and never over an existing entry: of two
                // runners starting the same name at once, exactly one succeeds, as StartExecution.
                Files.createLink(file(name), partial);
                return true;
            } catch (FileAlreadyExistsException startedBefore) {
                return false;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ledger entry of " + name, e);
        }
    }

    /** Records that this process now runs the execution. */
    public void running(String name, JsonNode input) {
        write(name, Status.RUNNING, null, null, input);
    }

    /** Records how the execution ended. */
    public void ended(String name, JsonNode input, Execution execution) {
        write(name, Status.valueOf(execution.status()), execution.error(), execution.cause(), input);
    }

    /** Records that the execution stopped before it ended, and why. */
    public void aborted(String name, JsonNode input, String cause) {
        write(name, Status.ABORTED, "States.Aborted", cause, input);
    }

    private void write(String name, Status status, String error, String cause, JsonNode input) {
        try {
            Path partial = partial(name, status, error, cause, input);
            try {
                Files.move(partial, file(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ledger entry of " + name, e);
        }
    }

    /** The entry, written whole to a temporary file beside its place. */
    private Path partial(String name, Status status, String error, String cause, JsonNode input) throws IOException {
        ObjectNode entry = JSON.createObjectNode()
                .put("name", name)
                .put("status", status.name())
                .put("runnerPid", ProcessHandle.current().pid())
                .put("at", Instant.now().toString());
        entry.put("error", error).put("cause", cause);
        entry.set("input", input);
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, name, ".partial");
        Files.write(partial, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(entry));
        return partial;
    }

    private Path file(String name) {
        // Execution names are [A-Za-z0-9_-] up to 80 characters (ExecutionName), so they are file names.
        return folder.resolve(name + ".json");
    }
}

package dev.sparkpipeline.core.testing;

import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.intake.IntakeQueue;
import dev.sparkpipeline.core.intake.QueuedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Files under the repository's {@code events/} folder: the fixtures tests and sam local invoke share. */
public final class Fixtures {

    private Fixtures() {}

    public static Path root() {
        String configured = System.getProperty("pipeline.root");
        return configured != null
                ? Path.of(configured)
                : Path.of("../..").toAbsolutePath().normalize();
    }

    public static Path events(String relative) {
        return root().resolve("events").resolve(relative);
    }

    /** The names of the files directly in {@code events/} that match {@code regex}, sorted. */
    public static List<String> names(String regex) {
        try (Stream<Path> files = Files.list(root().resolve("events"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches(regex))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fixtures {@code <kind>-*.json} directly in {@code events/}: one for each cloud engine, so
     * fewer than three is a missing fixture, not an empty test.
     */
    public static List<String> oneForEachCloudEngine(String kind) {
        List<String> fixtures = names(kind + "-.*\\.json");
        if (fixtures.size() < 3) {
            throw new IllegalStateException("events/ has " + fixtures + " for " + kind + ": one for each cloud engine");
        }
        return fixtures;
    }

    /**
     * The bundled datasets with batching turned off: for tests of the one-execution-per-file path,
     * which the bundled {@code orders} dataset (batched) would otherwise send to the intake queue.
     */
    public static DatasetCatalog perFileCatalog() {
        return new DatasetCatalog(DatasetCatalog.bundled().all().stream()
                .map(dataset -> dataset.withBatch(null))
                .toList());
    }

    /** An intake queue for tests of {@link #perFileCatalog()}: a per-file dataset queues nothing, so any use fails. */
    public static IntakeQueue noIntakeQueue() {
        return new IntakeQueue() {
            @Override
            public void send(QueuedFile file) {
                throw new AssertionError("a per-file dataset queues nothing: " + file);
            }

            @Override
            public void hold(List<String> handles, Duration duration) {
                throw new AssertionError("a per-file dataset holds nothing: " + handles);
            }
        };
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(events(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

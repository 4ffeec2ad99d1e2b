package dev.sparkpipeline.local.lake;

import dev.sparkpipeline.core.intake.IntakeQueue;
import dev.sparkpipeline.core.intake.QueuedFile;
import dev.sparkpipeline.core.json.QueuedFileJson;
import dev.sparkpipeline.local.runner.QueueMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An SQS queue offline: each message a file of {@code <lake>/_queues/<queue>/}, named by when it was
 * sent, so a send is one write however many messages wait, and a receive takes the oldest first. The
 * folder is outside every bucket: a queued message is never mistaken for an object.
 */
public final class LakeIntakeQueue implements IntakeQueue {

    private static final String SUFFIX = ".json";

    private final Path folder;
    private final Clock clock;

    public LakeIntakeQueue(Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
    }

    /** The queue of the lake that {@code queueUrl} names: its last path segment is the folder's name. */
    public static LakeIntakeQueue of(LocalLake lake, String queueUrl, Clock clock) {
        String name = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.startsWith(".")) {
            throw new IllegalArgumentException("not a queue URL: " + queueUrl);
        }
        return new LakeIntakeQueue(lake.root().resolve("_queues").resolve(name), clock);
    }

    @Override
    public void send(QueuedFile file) {
        send(QueuedFileJson.write(file));
    }

    /**
     * Offline, receiving hides no message: the runner's delivery decides when the batcher sees the
     * queue again (as it fills, and with {@code closeAll} once a drop has landed everything), so a
     * hold has nothing to change.
     */
    @Override
    public void hold(List<String> handles, Duration duration) {
        // Deliberately nothing: see above.
    }

    /** Sends a message; answers its id. */
    public String send(byte[] body) {
        // Milliseconds first, zero-padded: the names sort as the messages were sent.
        String id = String.format("%013d-%s", clock.millis(), UUID.randomUUID());
        try {
            Files.createDirectories(folder);
            Path draft = Files.createTempFile(folder, ".send-", ".tmp");
            Files.write(draft, body);
            try {
                Files.move(draft, folder.resolve(id + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(draft, folder.resolve(id + SUFFIX));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot queue a message in " + folder, e);
        }
        return id;
    }

    /** Up to {@code max} messages, oldest first; they stay queued until deleted. */
    public List<QueueMessage> receive(int max) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> all = Files.list(folder)) {
            files = all.filter(file -> {
                        String name = file.getFileName().toString();
                        return name.endsWith(SUFFIX) && !name.startsWith(".");
                    })
                    .sorted()
                    .limit(max)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<QueueMessage> messages = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String id = name.substring(0, name.length() - SUFFIX.length());
            try {
                String body = Files.readString(file, StandardCharsets.UTF_8);
                Instant sentAt = Instant.ofEpochMilli(Long.parseLong(id.substring(0, id.indexOf('-'))));
                messages.add(new QueueMessage(id, id, body, sentAt, 1));
            } catch (NoSuchFileException deletedMeanwhile) {
                // Another runner's delivery settled it.
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return messages;
    }

    /** Deletes a message; deleting one already gone does nothing, as in SQS. */
    public void delete(String receiptHandle) {
        try {
            Files.deleteIfExists(folder.resolve(receiptHandle + SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

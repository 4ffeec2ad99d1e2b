package dev.sparkpipeline.curate.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.iceberg.LockManager;

/**
 * The Hadoop catalog's commit lock across JVMs on one machine. The catalog commits by renaming a
 * new metadata file to the next version's name, and a local file system's rename replaces an
 * existing file: two jobs committing at once (several files landing together on the local runner)
 * could both "win" and one commit would be lost. Iceberg's own default lock only serialises the
 * threads of one JVM; this one takes an operating-system file lock per entity, which other JVMs
 * respect, and a lock per entity inside the JVM, since file locks are held per process.
 *
 * <p>Named by {@code IcebergCatalog.FOLDER_LOCK}; the cloud's Glue catalog needs no lock (Glue
 * checks the table version it replaces).
 */
public final class FolderLockManager implements LockManager {

    private static final long WAIT_MILLIS = TimeUnit.MINUTES.toMillis(3);

    /** One per entity in the JVM: every catalog (one per Spark session) gets its own manager, and file locks are per JVM. */
    private static final Map<String, ReentrantLock> THREADS = new ConcurrentHashMap<>();

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private Path folder = Path.of(System.getProperty("java.io.tmpdir"), "pipeline-iceberg-locks");

    private record Held(String owner, FileChannel channel, FileLock lock) {}

    @Override
    public void initialize(Map<String, String> properties) {
        String configured = properties.get("lock.folder");
        if (configured != null && !configured.isBlank()) {
            folder = Path.of(configured);
        }
    }

    @Override
    public boolean acquire(String entityId, String ownerId) {
        ReentrantLock inJvm = THREADS.computeIfAbsent(entityId, id -> new ReentrantLock());
        try {
            if (!inJvm.tryLock(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(folder);
            channel = FileChannel.open(
                    folder.resolve(digest(entityId) + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            // FileChannel.lock blocks until the other process releases it; the in-JVM lock keeps this JVM's threads
            // out.
            FileLock lock = channel.lock();
            held.put(entityId, new Held(ownerId, channel, lock));
            return true;
        } catch (IOException | RuntimeException e) {
            // Nothing held on any failure: the channel closed, the in-JVM lock given back.
            closeQuietly(channel);
            inJvm.unlock();
            throw e instanceof IOException io
                    ? new UncheckedIOException("cannot take the commit lock for " + entityId, io)
                    : (RuntimeException) e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing is all that is left to do; the lock failure is the one reported.
            }
        }
    }

    @Override
    public boolean release(String entityId, String ownerId) {
        Held current = held.get(entityId);
        if (current == null || !current.owner().equals(ownerId)) {
            return false;
        }
        held.remove(entityId);
        try {
            current.lock().release();
            current.channel().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the commit lock for " + entityId, e);
        } finally {
            THREADS.get(entityId).unlock();
        }
        return true;
    }

    @Override
    public void close() {
        // Iceberg releases each lock in the thread that took it; closing the catalog only closes what is left open.
        held.values().forEach(current -> closeQuietly(current.channel()));
        held.clear();
    }

    private static String digest(String entityId) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(entityId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

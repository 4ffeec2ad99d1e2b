package dev.sparkpipeline.local.reliability;

import dev.sparkpipeline.local.lake.LocalLake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariant every finished run keeps: each object that landed is in exactly one of three
 * places: processed (its verified copy under the curated bucket's {@code _processed/}), quarantined
 * (a copy and a reason under {@code quarantine/}) or failed (a copy and a reason under
 * {@code failed/}). Copies sit under {@code <prefix><yyyy/MM/dd>/<key>}, so a landed file's path
 * below its bucket is the suffix to look for, whatever the day.
 */
public final class LakeInvariant {

    private LakeInvariant() {
    }

    /** Asserts the invariant over the lake, for the objects still in the landing bucket. */
    public static void assertEveryLandedObjectHasOneFate(Path lakeDir) {
        LocalLake lake = new LocalLake(lakeDir);
        Path landing = lake.root().resolve(LocalLake.LANDING);
        List<String> problems = new ArrayList<>();
        for (Path landed : files(landing)) {
            Path key = landing.relativize(landed);
            boolean processed = copyUnder(lake.root().resolve(LocalLake.CURATED).resolve("_processed"), key, false);
            boolean quarantined = copyUnder(lake.root().resolve(LocalLake.QUARANTINE).resolve("quarantine"), key, true);
            boolean failed = copyUnder(lake.root().resolve(LocalLake.QUARANTINE).resolve("failed"), key, true);
            int fates = (processed ? 1 : 0) + (quarantined ? 1 : 0) + (failed ? 1 : 0);
            if (fates != 1) {
                problems.add(key + ": processed " + processed + ", quarantined " + quarantined + ", failed " + failed);
            }
        }
        assertThat(problems).as("objects without exactly one fate").isEmpty();
    }

    /** A copy of the key under {@code root/yyyy/MM/dd/}, with its reason document when {@code withReason}. */
    private static boolean copyUnder(Path root, Path key, boolean withReason) {
        for (Path copy : files(root)) {
            Path relative = root.relativize(copy);
            if (relative.getNameCount() == key.getNameCount() + 3 && relative.subpath(3, relative.getNameCount()).equals(key)) {
                return !withReason || Files.isRegularFile(copy.resolveSibling(copy.getFileName() + ".reason.json"));
            }
        }
        return false;
    }

    private static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

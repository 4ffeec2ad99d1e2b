package dev.sparkpipeline.local.spark;

import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.intake.BatchManifest;
import dev.sparkpipeline.core.json.BatchManifestJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A batch manifest as the curate job reads it on this machine: the same manifest, each member's
 * bucket the absolute folder its local file is in and its key that file's name, which the job reads
 * at {@code file://<bucket>/<key>} (jobs/curate's {@code LandedFile} rule: no S3 bucket name starts
 * with {@code /}, so the rule never changes what an engine reads). Versions, ETags, sizes and landing
 * times stay as the batcher wrote them. The view is written outside every bucket's folder: no check
 * of the lake counts it as a place a landed file ended in.
 */
public final class LocalBatchView {

    private LocalBatchView() {}

    /**
     * Writes the view of {@code manifest} at {@code view}, each member read from {@code fileOf} it;
     * answers the {@code file://} URI the job is given ({@code --batch}).
     */
    public static String write(BatchManifest manifest, Function<SourceObject, Path> fileOf, Path view) {
        List<SourceObject> members = new ArrayList<>();
        for (SourceObject member : manifest.files()) {
            Path file = fileOf.apply(member).toAbsolutePath().normalize();
            members.add(new SourceObject(
                    file.getParent().toString(),
                    file.getFileName().toString(),
                    member.versionId(),
                    member.etag(),
                    member.size(),
                    member.landedAt()));
        }
        var local =
                new BatchManifest(manifest.id(), manifest.dataset(), manifest.engine(), manifest.createdAt(), members);
        try {
            Files.createDirectories(view.toAbsolutePath().getParent());
            Files.write(view, BatchManifestJson.write(local));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the batch view " + view, e);
        }
        // Literal, not percent-encoded: Hadoop reads a file:// path as the job reads an s3:// key.
        return "file://" + view.toAbsolutePath();
    }
}

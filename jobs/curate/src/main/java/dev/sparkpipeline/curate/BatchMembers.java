package dev.sparkpipeline.curate;

import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.intake.BatchManifest;
import dev.sparkpipeline.core.intake.BatchManifests;
import dev.sparkpipeline.core.json.BatchManifestJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The members of a batch run, read from its manifest ({@code --batch URI}) through Hadoop's file
 * systems: {@code s3://} on the engines, {@code file://} offline.
 */
final class BatchMembers {

    private BatchMembers() {}

    /**
     * The manifest's members, in its order.
     *
     * @throws IllegalArgumentException when the manifest is too large or belongs to another dataset
     */
    static List<SourceObject> read(Configuration conf, String uri, String dataset) {
        byte[] json;
        try {
            Path path = new Path(uri);
            FileSystem fs = path.getFileSystem(conf);
            try (InputStream in = fs.open(path)) {
                json = in.readNBytes(BatchManifests.MAX_MANIFEST_BYTES + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read batch manifest " + uri, e);
        }
        if (json.length > BatchManifests.MAX_MANIFEST_BYTES) {
            throw new IllegalArgumentException(
                    "batch manifest " + uri + " is over " + BatchManifests.MAX_MANIFEST_BYTES + " bytes");
        }
        BatchManifest manifest = BatchManifestJson.read(json);
        if (!manifest.dataset().equals(dataset)) {
            throw new IllegalArgumentException(
                    "batch manifest " + uri + " lists files of dataset " + manifest.dataset() + ", not of " + dataset);
        }
        return manifest.files();
    }
}

package dev.sparkpipeline.core.intake;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.json.BatchManifestJson;
import dev.sparkpipeline.core.storage.ObjectStore;
import java.util.List;

/**
 * Reads the landed files a run is about: for a batch, the members its manifest lists; for a run
 * of one file, that file. Publishing and failure recording give every member its own fate from it.
 *
 * @param store where the manifests are
 */
public record BatchManifests(ObjectStore store) {

    /** The largest manifest read: 10,000 members of about 400 bytes each, with room to spare. */
    public static final int MAX_MANIFEST_BYTES = 16 << 20;

    /** The landed files of a run. */
    public List<SourceObject> sources(ExecutionInput input) {
        if (!input.isBatch()) {
            return List.of(input.source());
        }
        return read(input).files();
    }

    /** A batch run's manifest. */
    public BatchManifest read(ExecutionInput input) {
        SourceObject manifest = input.source();
        byte[] json = store.readRange(manifest.bucket(), manifest.key(), manifest.versionId(), 0, MAX_MANIFEST_BYTES)
                .orElseThrow(() -> new InvalidInput("batch manifest " + manifest.uri() + " is gone"));
        return BatchManifestJson.read(json);
    }
}

package dev.sparkpipeline.core.json;

import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.intake.BatchManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch manifest on the wire, its one reader and writer: {@code {"id", "dataset", "engine",
 * "createdAt", "files": [{bucket, key, versionId, etag, size, landedAt}]}}, each member written as
 * an execution input writes its source. The same batch always writes the same bytes, so a retried
 * batcher's manifest is identical to the first.
 */
public final class BatchManifestJson {

    private BatchManifestJson() {}

    public static byte[] write(BatchManifest manifest) {
        List<Map<String, Object>> files = new ArrayList<>();
        manifest.files().forEach(file -> files.add(ExecutionInputJson.source(file)));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", manifest.id());
        document.put("dataset", manifest.dataset());
        document.put("engine", manifest.engine().name());
        document.put("createdAt", manifest.createdAt().toString());
        document.put("files", files);
        return JsonObject.write(document);
    }

    public static BatchManifest read(byte[] json) {
        JsonObject root = JsonObject.parse(json);
        List<SourceObject> files = new ArrayList<>();
        for (JsonObject file : root.objectList("files")) {
            files.add(ExecutionInputJson.source(file));
        }
        if (files.isEmpty()) {
            throw new InvalidInput("files: a batch manifest lists at least one file");
        }
        if (root.optionalInstant("createdAt") == null) {
            throw new InvalidInput("createdAt: a batch manifest says when it was planned");
        }
        return new BatchManifest(
                root.string("id"),
                root.string("dataset"),
                root.engine("engine"),
                root.optionalInstant("createdAt"),
                files);
    }
}

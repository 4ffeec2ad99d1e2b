package dev.sparkpipeline.core.json;

import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.intake.QueuedFile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A queued file on the wire (the intake queue's message body), its one reader and writer:
 * {@code {"dataset", "engine", "source": {...}, "queuedAt"}}, the source written as an execution
 * input writes it.
 */
public final class QueuedFileJson {

    private QueuedFileJson() {}

    public static byte[] write(QueuedFile file) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("dataset", file.dataset());
        document.put("engine", file.engine().name());
        document.put("source", ExecutionInputJson.source(file.source()));
        document.put("queuedAt", file.queuedAt().toString());
        return JsonObject.write(document);
    }

    public static QueuedFile read(byte[] json) {
        JsonObject root = JsonObject.parse(json);
        if (root.optionalInstant("queuedAt") == null) {
            throw new InvalidInput("queuedAt: a queued file says when it was queued");
        }
        return new QueuedFile(
                root.string("dataset"),
                root.engine("engine"),
                ExecutionInputJson.source(root.object("source")),
                root.optionalInstant("queuedAt"));
    }
}

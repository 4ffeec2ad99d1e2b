package dev.sparkpipeline.aws.livy;

import dev.sparkpipeline.core.error.EngineUnavailable;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one reader and writer of Livy's batch documents, shaped as Livy 0.7's {@code BatchSessionServlet}
 * and {@code SessionServlet} write them. An answer that is not such a document (a proxy's error
 * page, a truncated body) is {@link EngineUnavailable}: the next attempt may reach Livy itself.
 */
public final class LivyJson {

    private LivyJson() {}

    /** The body of {@code POST /batches}. */
    public static byte[] write(LivyBatchRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", request.file());
        body.put("className", request.className());
        body.put("args", request.args());
        body.put("conf", request.conf());
        body.put("name", request.name());
        if (!request.pyFiles().isEmpty()) {
            body.put("pyFiles", request.pyFiles());
        }
        if (!request.archives().isEmpty()) {
            body.put("archives", request.archives());
        }
        return JsonObject.writeWithoutNulls(body);
    }

    /** A batch: the answer of {@code GET /batches/{id}} and {@code POST /batches}. */
    public static LivyBatch batch(byte[] json) {
        return read("a batch", json, LivyJson::batch);
    }

    /** A page of {@code GET /batches}. */
    public static LivyBatchPage page(byte[] json) {
        return read("a page of batches", json, page -> {
            List<LivyBatch> sessions = new ArrayList<>();
            page.optionalObjectList("sessions").forEach(session -> sessions.add(batch(session)));
            return new LivyBatchPage((int) page.number("from", 0), (int) page.number("total", 0), sessions);
        });
    }

    /** A slice of {@code GET /batches/{id}/log}; {@code total} falls back to the documentation's {@code size}. */
    public static LivyLog log(byte[] json) {
        return read("a batch log", json, log -> {
            List<String> lines = log.optionalStringList("log");
            return new LivyLog(
                    (int) log.number("id"),
                    (int) log.number("from", 0),
                    (int) log.number("total", log.number("size", lines.size())),
                    lines);
        });
    }

    /** The {@code msg} of Livy's error answers ({@code ResponseMessage}), or null. */
    public static String message(byte[] json) {
        try {
            return JsonObject.parse(json).optionalString("msg");
        } catch (InvalidInput notLivys) {
            return null;
        }
    }

    private static LivyBatch batch(JsonObject batch) {
        Map<String, String> appInfo = new LinkedHashMap<>();
        JsonObject info = batch.optionalObject("appInfo");
        if (info != null) {
            info.fields().forEach((name, value) -> {
                if (value instanceof String text) {
                    appInfo.put(name, text);
                }
            });
        }
        return new LivyBatch(
                (int) batch.number("id"),
                batch.optionalString("name"),
                batch.string("state"),
                batch.optionalString("appId"),
                appInfo,
                batch.optionalStringList("log"));
    }

    private static <T> T read(String what, byte[] json, Function<JsonObject, T> reader) {
        try {
            return reader.apply(JsonObject.parse(json));
        } catch (InvalidInput malformed) {
            throw new EngineUnavailable("Livy did not answer with " + what + ": " + malformed.getMessage(), malformed);
        }
    }
}

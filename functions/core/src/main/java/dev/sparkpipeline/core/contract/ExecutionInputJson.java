package dev.sparkpipeline.core.contract;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes an {@link ExecutionInput} as the JSON document of DESIGN §3, nulls included. */
public final class ExecutionInputJson {

    private ExecutionInputJson() {
    }

    public static String write(ExecutionInput input) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("bucket", input.source().bucket());
        source.put("key", input.source().key());
        source.put("versionId", input.source().versionId());
        source.put("etag", input.source().etag());
        source.put("size", input.source().size());
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("timeoutMinutes", input.job().timeoutMinutes());
        job.put("arguments", input.job().arguments());
        job.put("sparkSubmitParameters", input.job().sparkSubmitParameters());
        job.put("clusterId", input.job().clusterId());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("dataset", input.dataset());
        document.put("source", source);
        document.put("engine", input.engine().name());
        document.put("job", job);
        try {
            return JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES).asString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.sparkpipeline.validate;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.core.landing.FileOutcome;
import dev.sparkpipeline.core.landing.ValidationReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The validate function's answer as JSON: per-file outcomes and counts. */
final class ValidationReportJson {

    private ValidationReportJson() {
    }

    static byte[] write(ValidationReport report) {
        List<Map<String, Object>> files = report.files().stream().map(ValidationReportJson::file).toList();
        Map<String, Object> counts = new LinkedHashMap<>();
        report.counts().forEach((outcome, count) -> counts.put(outcome.name().toLowerCase(Locale.ROOT), count));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("files", files);
        document.put("counts", counts);
        try {
            return JSON.std.asBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> file(FileOutcome file) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("bucket", file.bucket());
        fields.put("key", file.key());
        fields.put("outcome", file.outcome().name());
        fields.put("dataset", file.dataset());
        fields.put("rule", file.rule() == null ? null : file.rule().name());
        fields.put("message", file.message());
        fields.put("executionName", file.executionName());
        fields.put("executionId", file.executionId());
        fields.put("reasonUri", file.reasonUri());
        return fields;
    }
}

package dev.sparkpipeline.core.json;

import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.landing.FileOutcome;
import dev.sparkpipeline.core.landing.Rule;
import dev.sparkpipeline.core.landing.ValidationReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The validate function's answer on the wire, the one reader and writer of its fields: one
 * outcome per landed file ({@code files}) and how many ended each way ({@code counts}). The
 * function writes it; the local runner's {@code drop} and {@code invoke} read it back. A field
 * with nothing to say (no rule for an accepted file) is left out, as the function always has.
 */
public final class ValidationReportJson {

    private ValidationReportJson() {}

    public static byte[] write(ValidationReport report) {
        List<Map<String, Object>> files =
                report.files().stream().map(ValidationReportJson::fields).toList();
        Map<String, Object> counts = new LinkedHashMap<>();
        report.counts().forEach((outcome, count) -> counts.put(outcome.name().toLowerCase(Locale.ROOT), count));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("files", files);
        document.put("counts", counts);
        return JsonObject.writeWithoutNulls(document);
    }

    /** A report; its counts follow from its files, so they are not read. */
    public static ValidationReport read(byte[] json) {
        List<JsonObject> files = JsonObject.parse(json).objectList("files");
        return new ValidationReport(
                files.stream().map(ValidationReportJson::file).toList());
    }

    /**
     * The report in a function's answer, or empty when the answer is not one: the local runner
     * invokes whichever function a template routes to or a person names, and only the validate
     * function answers with a report.
     */
    public static Optional<ValidationReport> readAnswer(byte[] answer) {
        try {
            return Optional.of(read(answer));
        } catch (InvalidInput notAReport) {
            return Optional.empty();
        }
    }

    private static FileOutcome file(JsonObject file) {
        return new FileOutcome(
                file.string("bucket"),
                file.string("key"),
                file.enumValue("outcome", FileOutcome.Outcome.class),
                file.optionalString("dataset"),
                file.optionalEnum("rule", Rule.class),
                file.optionalString("message"),
                file.optionalString("executionName"),
                file.optionalString("executionId"),
                file.optionalString("reasonUri"));
    }

    private static Map<String, Object> fields(FileOutcome file) {
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

package dev.sparkpipeline.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.landing.FileOutcome;
import dev.sparkpipeline.core.landing.Rule;
import dev.sparkpipeline.core.landing.ValidationReport;
import dev.sparkpipeline.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validate answer's one codec; {@link DocumentsTest} reads back every report of {@code events/documents/}. */
class ValidationReportJsonTest {

    @Test
    void aFieldWithNothingToSayIsLeftOutAndTheCountsFollowTheFiles() {
        var accepted = new FileOutcome(
                "landing-bucket",
                "orders/a.csv",
                FileOutcome.Outcome.ACCEPTED,
                "orders",
                null,
                "execution started",
                "orders-1",
                "arn:1",
                null);
        var quarantined = new FileOutcome(
                "landing-bucket",
                "orders/b.txt",
                FileOutcome.Outcome.QUARANTINED,
                "orders",
                Rule.UNSUPPORTED_FORMAT,
                "not csv",
                null,
                null,
                "s3://quarantine-bucket/b.txt.reason.json");

        var written = FieldPaths.of(ValidationReportJson.write(new ValidationReport(List.of(accepted, quarantined))));

        assertThat(written)
                .doesNotContainKeys("files[0].rule", "files[0].reasonUri", "files[1].executionName")
                .containsEntry("files[1].rule", "UNSUPPORTED_FORMAT")
                .containsEntry("counts.accepted", 1.0)
                .containsEntry("counts.quarantined", 1.0)
                .containsEntry("counts.duplicate", 0.0)
                .containsEntry("counts.missing", 0.0);
    }

    @Test
    void anAnswerThatIsNoReportReadsAsNone() {
        byte[] jobRun = Fixtures.bytes("track-glue.json");

        assertThat(ValidationReportJson.readAnswer(jobRun)).isEmpty();
        assertThat(ValidationReportJson.readAnswer("null".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(ValidationReportJson.readAnswer(Fixtures.bytes("documents/validation-report-missing.json")))
                .hasValueSatisfying(report -> assertThat(report.files()).hasSize(2));
    }

    @Test
    void anUnknownOutcomeIsRefusedNamingTheFile() {
        byte[] report = """
                {"files": [{"bucket": "landing-bucket", "key": "a.csv", "outcome": "LOST"}]}""".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ValidationReportJson.read(report))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("files[0].outcome must be one of [ACCEPTED, QUEUED, DUPLICATE, QUARANTINED, MISSING]");
    }
}

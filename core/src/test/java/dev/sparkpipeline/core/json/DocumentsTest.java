package dev.sparkpipeline.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every document of {@code events/documents/}: manifests the curate job wrote, answers the
 * validate function gave, and batch manifests the batcher wrote. Their codecs leave out what is null, so each document, read and
 * written again, must have exactly the fixture's fields.
 */
class DocumentsTest {

    /** Each kind of document by the prefix of its fixtures' names, with its codec's round trip. */
    private static final Map<String, Function<DocumentFixture, Map<String, Object>>> ROUND_TRIPS = Map.of(
            "documents/manifest-",
            fixture -> fixture.roundTrip(ManifestJson::read, ManifestJson::write),
            "documents/validation-report-",
            fixture -> fixture.roundTrip(ValidationReportJson::read, ValidationReportJson::write),
            "documents/batch-manifest-",
            fixture -> fixture.roundTrip(BatchManifestJson::read, BatchManifestJson::write));

    static Stream<DocumentFixture> documents() {
        return DocumentFixture.matching("documents/*.json", "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyDocumentReadsBackTheSameAfterWritingWithExactlyItsFields(DocumentFixture fixture) {
        Function<DocumentFixture, Map<String, Object>> roundTrip = ROUND_TRIPS.entrySet().stream()
                .filter(kind -> fixture.file().startsWith(kind.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(fixture + " is of no kind a codec reads: " + ROUND_TRIPS.keySet()));

        assertThat(roundTrip.apply(fixture))
                .containsAllEntriesOf(fixture.fields())
                .isEqualTo(fixture.fields());
    }
}

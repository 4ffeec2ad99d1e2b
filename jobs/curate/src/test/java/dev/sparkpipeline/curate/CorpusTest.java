package dev.sparkpipeline.curate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import dev.sparkpipeline.core.outcome.Manifest;
import dev.sparkpipeline.jobs.contract.JobArguments;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus under {@code src/test/resources/corpus/}: one folder per rule family, each with its
 * dataset, an input file, and the expected curated rows and rejects row by row. Every row of every
 * input is either curated with exactly the expected values or rejected at its line with its rule.
 */
class CorpusTest {

    private static final SparkSession spark = TestSpark.session();

    @TempDir
    static Path out;

    @TestFactory
    Stream<DynamicTest> everyCaseCuratesExactlyItsGoodRowsAndRejectsTheRestWithTheirRules()
            throws IOException, URISyntaxException {
        Path corpus = Path.of(CorpusTest.class.getResource("/corpus").toURI());
        List<Path> cases;
        try (Stream<Path> folders = Files.list(corpus)) {
            cases = folders.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
        return cases.stream()
                .map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> check(folder)));
    }

    private static void check(Path folder) throws IOException {
        DatasetSpec dataset =
                DatasetCatalog.read(folder.resolve("datasets.json")).named("d").orElseThrow();
        Path input;
        try (Stream<Path> files = Files.list(folder)) {
            input = files.filter(f -> f.getFileName().toString().startsWith("d."))
                    .findFirst()
                    .orElseThrow();
        }
        // Each case its own warehouse: every case's dataset is "d".
        SparkSession lake = TestSpark.lake(out.resolve(folder.getFileName().toString()));
        Path output = out.resolve(folder.getFileName().toString()).resolve("d");

        Manifest manifest = new Curation(lake, dataset)
                .run(new JobArguments(
                        "file://" + input.toAbsolutePath(), output.toUri().toString(), "d", "run-1"));

        List<String> expectedRows = Files.readAllLines(folder.resolve("expected-curated.txt"));
        List<String> expectedRejects = Files.readAllLines(folder.resolve("expected-rejects.txt"));
        String columns = String.join(
                ", ",
                dataset.columns().stream()
                        .map(c -> "coalesce(replace(cast(" + c.name() + " as string), '\\n', '\\\\n'), 'null')")
                        .toList());
        List<String> curated =
                lake.table("lake.d").selectExpr("concat_ws('|', " + columns + ") as row").collectAsList().stream()
                        .map(row -> row.getString(0))
                        .sorted()
                        .toList();
        assertThat(curated)
                .as("curated rows")
                .containsExactlyElementsOf(expectedRows.stream().sorted().toList());
        assertThat(rejects(output))
                .as("rejected rows: line, column, rule, value")
                .containsExactlyInAnyOrderElementsOf(expectedRejects);
        assertThat(manifest.rowsIn()).isEqualTo(manifest.rowsOut() + manifest.rejected() + manifest.duplicates());
    }

    private static List<String> rejects(Path output) {
        Path errors = output.resolve("_errors/run_id=run-1");
        if (!Files.exists(errors)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (Row row : spark.read()
                .json(errors.toString())
                .selectExpr("line", "explode(errors) as e")
                .selectExpr("line", "e.column", "e.rule", "e.value")
                .collectAsList()) {
            lines.add(row.getLong(0) + "\t" + (row.isNullAt(1) ? "" : row.getString(1)) + "\t" + row.getString(2) + "\t"
                    + (row.isNullAt(3) ? "" : row.getString(3)));
        }
        return lines;
    }
}

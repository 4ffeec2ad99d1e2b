package dev.sparkpipeline.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** A dataset's {@code job}: the curate job by default, or its own JAR or PySpark application. */
class DatasetJobConfigTest {

    @Test
    void aDatasetWithoutAJobRunsTheCurateJob() {
        DatasetSpec orders = DatasetCatalog.bundled().named("orders").orElseThrow();

        assertThat(orders.job()).isEqualTo(JobSpec.CURATE);
        assertThat(orders.job().curate()).isTrue();
    }

    @Test
    void theBundledExampleDatasetRunsTheExampleJar() {
        JobSpec job =
                DatasetCatalog.bundled().named("order_totals").orElseThrow().job();

        assertThat(job.curate()).isFalse();
        assertThat(job.python()).isFalse();
        assertThat(job.entryPoint()).isEqualTo("jobs/examples/daily-totals/target/daily-totals-job.jar");
        assertThat(job.mainClass()).isEqualTo("dev.sparkpipeline.examples.DailyTotalsJob");
    }

    @Test
    void aJarJobKeepsItsMainClassArgumentsAndSparkConfigurationInOrder() {
        JobSpec job = jobOf("""
                {"entryPoint": "s3://my-jobs/totals.jar", "mainClass": "com.example.Totals",
                 "arguments": ["--currency", "EUR"], "sparkConf": {"spark.sql.shuffle.partitions": 8, "spark.a": "b"}}""");

        assertThat(job.entryPoint()).isEqualTo("s3://my-jobs/totals.jar");
        assertThat(job.mainClass()).isEqualTo("com.example.Totals");
        assertThat(job.arguments()).containsExactly("--currency", "EUR");
        assertThat(job.sparkConf())
                .containsExactly(Map.entry("spark.sql.shuffle.partitions", "8"), Map.entry("spark.a", "b"));
    }

    @Test
    void aPySparkJobTakesPythonFilesAndArchives() {
        JobSpec job = jobOf("""
                {"entryPoint": "jobs/examples/totals.py", "pyFiles": ["jobs/examples/lib.zip"],
                 "archives": ["s3://my-jobs/env.tar.gz#env"]}""");

        assertThat(job.python()).isTrue();
        assertThat(job.mainClass()).isNull();
        assertThat(job.pyFiles()).containsExactly("jobs/examples/lib.zip");
        assertThat(job.archives()).containsExactly("s3://my-jobs/env.tar.gz#env");
    }

    @Test
    void aJarWithoutAMainClassIsRefused() {
        assertRefused("""
                {"entryPoint": "s3://my-jobs/totals.jar"}""").hasMessage("datasets.a.job.mainClass is required for a JAR (s3://my-jobs/totals.jar)");
    }

    @Test
    void aPythonEntryPointWithAMainClassIsRefused() {
        assertRefused("""
                {"entryPoint": "jobs/totals.py", "mainClass": "com.example.Totals"}""")
                .hasMessageStartingWith("datasets.a.job.mainClass: a PySpark job (jobs/totals.py) has no main class");
    }

    @Test
    void anUnknownJobFieldIsRefusedWithTheNearestName() {
        assertRefused("""
                {"entryPoint": "s3://my-jobs/totals.jar", "mainclass": "com.example.Totals"}""").hasMessageStartingWith("datasets.a.job.mainclass: unknown field (did you mean mainClass?)");
    }

    @Test
    void anEntryPointThatIsNeitherAJarNorAPythonFileIsRefused() {
        assertRefused("""
                {"entryPoint": "s3://my-jobs/totals.zip"}""").hasMessage("datasets.a.job.entryPoint: s3://my-jobs/totals.zip is neither a .jar nor a .py");
    }

    @Test
    void aLocationOutsideTheRepositoryIsRefused() {
        assertRefused("""
                {"entryPoint": "../elsewhere/totals.py"}""")
                .hasMessageStartingWith("datasets.a.job.entryPoint: ../elsewhere/totals.py is neither an s3://");
        assertRefused("""
                {"entryPoint": "jobs/totals.py", "pyFiles": ["/abs/lib.zip"]}""").hasMessageStartingWith("datasets.a.job.pyFiles[0]: /abs/lib.zip is neither");
    }

    @Test
    void aRepositoryPathOutsideJobsIsRefused() {
        assertRefused("""
                {"entryPoint": "lib/totals.jar", "mainClass": "T"}""").hasMessageStartingWith("datasets.a.job.entryPoint: lib/totals.jar is outside jobs/");
    }

    @Test
    void aJobOnGlueTakesItsArgumentsAsPairs() {
        assertThatThrownBy(() -> DatasetCatalog.parse(config("""
                        "a": {"prefix": "a/", "engine": "GLUE", "columns": [{"name": "id", "type": "string"}],
                              "job": {"entryPoint": "jobs/t.jar", "mainClass": "T", "arguments": ["--verbose"]}}""")))
                .isInstanceOf(InvalidDatasetConfig.class)
                .hasMessageStartingWith("datasets.a.job.arguments must be --name value pairs on GLUE");
    }

    @Test
    void anArgumentThePipelineSetsIsRefused() {
        assertRefused("""
                {"entryPoint": "jobs/t.jar", "mainClass": "T", "arguments": ["--output", "s3://elsewhere/"]}""")
                .hasMessage(
                        "datasets.a.job.arguments: --output is the pipeline's own argument (the job contract sets it)");
    }

    @Test
    void aPySparkJobOnGlueIsRefusedWhereTheConfigIsChecked() {
        assertThatThrownBy(() -> DatasetCatalog.parse(config("""
                        "a": {"prefix": "a/", "engine": "GLUE", "columns": [{"name": "id", "type": "string"}],
                              "job": {"entryPoint": "jobs/totals.py"}}""")))
                .isInstanceOf(InvalidDatasetConfig.class)
                .hasMessageStartingWith("datasets.a.job: a PySpark job cannot run on GLUE");
        assertThatThrownBy(() -> DatasetCatalog.parse(config("""
                        "a": {"prefix": "a/", "columns": [{"name": "id", "type": "string"}],
                              "engineBySize": [{"minBytes": 100, "engine": "GLUE"}],
                              "job": {"entryPoint": "jobs/totals.py"}}""")))
                .as("a size threshold routing to Glue too")
                .isInstanceOf(InvalidDatasetConfig.class)
                .hasMessageStartingWith("datasets.a.job: a PySpark job cannot run on GLUE");
    }

    @Test
    void aSparkPropertyMustBeOne() {
        assertRefused("""
                {"entryPoint": "jobs/t.jar", "mainClass": "T", "sparkConf": {"shuffle.partitions": "8"}}""")
                .hasMessage("datasets.a.job.sparkConf.shuffle.partitions: a Spark property starts with spark.");
    }

    @Test
    void aBatchPolicyChangeKeepsTheJob() {
        DatasetSpec spec = DatasetCatalog.parse(config(dataset("""
                        {"entryPoint": "jobs/t.jar", "mainClass": "T"}"""))).named("a").orElseThrow();

        assertThat(spec.withBatch(null).job()).isEqualTo(spec.job());
    }

    private static JobSpec jobOf(String job) {
        return DatasetCatalog.parse(config(dataset(job)))
                .named("a")
                .orElseThrow()
                .job();
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String job) {
        return assertThatThrownBy(() -> DatasetCatalog.parse(config(dataset(job))))
                .isInstanceOf(InvalidDatasetConfig.class);
    }

    private static String dataset(String job) {
        return "\"a\": {\"prefix\": \"a/\", \"columns\": [{\"name\": \"id\", \"type\": \"string\"}], \"job\": " + job
                + "}";
    }

    private static byte[] config(String datasets) {
        String defaults = """
                {"formats": ["csv"], "gzip": true, "minBytes": 1, "maxBytes": 1000,
                 "csv": {"delimiter": ",", "quote": "\\""}, "engine": "EMR_SERVERLESS", "timeoutMinutes": 60,
                 "maxErrorRatio": 0.05, "partitionBy": ["ingest_date"]}""";
        return ("{\"defaults\": " + defaults + ", \"datasets\": {" + datasets + "}}").getBytes(StandardCharsets.UTF_8);
    }
}

package dev.sparkpipeline.local.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.engine.CurateJobCall;
import dev.sparkpipeline.core.error.InvalidJobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset's PySpark job offline: {@code spark-submit} from the PATH runs it on {@code local[*]}
 * with its Python files, archives and settings; without one, the run fails in one line that says
 * what to install.
 */
class LocalPySparkJobTest {

    @TempDir
    Path repository;

    private LocalSparkJob launcher;

    @BeforeEach
    void aPySparkDataset() throws Exception {
        Files.createDirectories(repository.resolve("jobs/py"));
        for (String file : new String[] {"jobs/py/totals.py", "jobs/py/lib.zip", "jobs/py/env.tar.gz"}) {
            Files.writeString(repository.resolve(file), "");
        }
        Path config = repository.resolve("datasets.json");
        Files.writeString(config, """
                {"defaults": {"formats": ["csv"], "gzip": false, "minBytes": 1, "maxBytes": 1000,
                  "csv": {"delimiter": ",", "quote": "\\""}, "engine": "EMR_SERVERLESS", "timeoutMinutes": 60,
                  "maxErrorRatio": 0.05, "partitionBy": ["ingest_date"]},
                 "datasets": {"py_totals": {"prefix": "py_totals/", "columns": [{"name": "id", "type": "string"}],
                  "job": {"entryPoint": "jobs/py/totals.py", "pyFiles": ["jobs/py/lib.zip"],
                          "archives": ["jobs/py/env.tar.gz#env"], "arguments": ["--currency", "EUR"],
                          "sparkConf": {"spark.sql.shuffle.partitions": "2"}}}}}""");
        launcher = new LocalSparkJob(System.getProperty("java.class.path"), null).withDatasetsConfig(config);
    }

    @Test
    void withoutSparkSubmitOnThePathTheRunFailsInOneLineSayingWhatToInstall() {
        LocalSparkJob noSpark =
                launcher.withJobFiles(repository, repository.resolve("empty").toString());

        assertThatThrownBy(() -> noSpark.start(call(), Map.of(), repository.resolve("job.log")))
                .isInstanceOf(InvalidJobConfig.class)
                .hasMessage("a PySpark job (jobs/py/totals.py) runs offline with spark-submit on the PATH:"
                        + " install Apache Spark 3.5 (or pip install 'pyspark==3.5.*')");
    }

    @Test
    void sparkSubmitRunsTheScriptWithItsFilesArchivesAndSettingsThenTheContractsArgumentsAndItsOwn() throws Exception {
        Path bin = Files.createDirectories(repository.resolve("bin"));
        Path sparkSubmit = bin.resolve("spark-submit");
        // Stands in for Spark's own: prints what it was asked to run, one argument a line.
        Files.writeString(sparkSubmit, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(sparkSubmit, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = repository.resolve("job.log");

        Process job = launcher.withJobFiles(repository, bin.toString())
                .start(call(), Map.of("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog"), log);

        assertThat(job.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(LocalSparkJob.result(job.exitValue(), log).succeeded()).isTrue();
        assertThat(Files.readAllLines(log))
                .startsWith("--master", "local[*]")
                .containsSubsequence(
                        "--py-files",
                        repository.resolve("jobs/py/lib.zip").toString(),
                        "--archives",
                        repository.resolve("jobs/py/env.tar.gz") + "#env",
                        "--conf",
                        "spark.sql.shuffle.partitions=2",
                        "--conf",
                        "spark.sql.catalog.lake=org.apache.iceberg.spark.SparkCatalog",
                        repository.resolve("jobs/py/totals.py").toString(),
                        "--input",
                        "in.csv",
                        "--dataset",
                        "py_totals")
                .endsWith("--currency", "EUR");
    }

    private static CurateJobCall call() {
        return new CurateJobCall("in.csv", "out", "py_totals", "run-1", Map.of());
    }
}

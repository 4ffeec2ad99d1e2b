package dev.sparkpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.local.checks.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check-deploy: the parameters a deploy passes against what the datasets' engines need. */
class CheckDeployTest {

    @TempDir
    Path dir;

    @Test
    void theRepositorysConfigurationDeploysWithTheTemplateDefaults() {
        CliRun run = CliRun.of(
                "check-deploy",
                "--config",
                ProjectFiles.root().resolve("config/datasets.json").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).endsWith("ready to deploy; the datasets run on EMR_SERVERLESS, GLUE");
    }

    @Test
    void aDatasetThatCanReachEmrIsRefusedWithoutASubnetNamingItsFirstSize() throws IOException {
        CliRun run = CliRun.of("check-deploy", "--config", emrConfig().toString(), "EmrSubnetId=");

        assertThat(run.usageError())
                .isEqualTo("pipeline-local: dataset big can run on EMR (files of 10737418240 bytes and more) but"
                        + " EmrSubnetId is empty: pass EmrSubnetId=subnet-... (a subnet tagged"
                        + " for-use-with-amazon-emr-managed-policies=true)");
    }

    @Test
    void aParameterTheTemplateDoesNotDeclareIsRefusedNamingTheOneMeant() {
        CliRun run = CliRun.of("check-deploy", "EmrSubnetID=subnet-0abc");

        assertThat(run.usageError())
                .isEqualTo(
                        "pipeline-local: EmrSubnetID is not a parameter of template.yaml (did you mean EmrSubnetId?);"
                                + " CloudFormation would refuse the deploy");
    }

    @Test
    void aRetiredParameterSaysWhereItsSettingLivesNow() {
        CliRun run = CliRun.of("check-deploy", "EmrInstanceType=m5.2xlarge");

        assertThat(run.usageError()).contains("EmrInstanceType is not a parameter", "profiles.emr");
    }

    @Test
    void theLaterOfTwoValuesOfAParameterWins() throws IOException {
        CliRun run = CliRun.of(
                "check-deploy", "--config", emrConfig().toString(), "EmrSubnetId=", "EmrSubnetId=subnet-0abc");

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void anArgumentThatIsNoParameterIsAUsageError() throws IOException {
        CliRun run = CliRun.of("check-deploy", "--config", emrConfig().toString(), "subnet-0abc");

        assertThat(run.usageError()).isEqualTo("pipeline-local: not a PARAMETER=VALUE: subnet-0abc");
    }

    private Path emrConfig() throws IOException {
        return Files.writeString(dir.resolve("datasets.json"), """
                {"defaults": {"formats": ["csv"], "gzip": false, "minBytes": 1, "maxBytes": 21474836480,
                  "csv": {"delimiter": ",", "quote": "\\""}, "engine": "EMR_SERVERLESS", "timeoutMinutes": 60,
                  "maxErrorRatio": 0.05, "partitionBy": ["ingest_date"]},
                 "datasets": {"big": {"prefix": "big/", "columns": [{"name": "id", "type": "string"}],
                   "engineBySize": [{"minBytes": 10737418240, "engine": "EMR"}]}}}
                """);
    }
}

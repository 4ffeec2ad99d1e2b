package dev.sparkpipeline.local.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.local.cli.PipelineLocal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/deploy} with stand-ins for {@code sam} and {@code aws} on PATH (there is no SAM CLI
 * and no AWS here) that record their arguments, and the check run on this build's classes: the
 * order of what it runs, the parameters it passes, and its refusal before anything runs.
 */
class DeployScriptTest {

    private static final String UPLOAD = "aws s3 cp ";
    /** The example dataset's own job (config/datasets.json names it by repository path): uploaded to the same key. */
    private static final String EXAMPLE_JAR = "jobs/examples/daily-totals/target/daily-totals-job.jar";

    @TempDir
    Path work;

    private Path calls;

    /** A run of bin/deploy as a shell sees it. */
    private record Run(int exitCode, List<String> out, String err) {}

    @BeforeEach
    void fakeSamAndAws() throws IOException {
        calls = work.resolve("calls.log");
        Path bin = Files.createDirectories(work.resolve("bin"));
        executable(bin.resolve("sam"), """
                #!/usr/bin/env bash
                echo "sam $*" >> "%s"
                """.formatted(calls));
        // Shaped like the AWS CLI's answers to describe-stacks --output text, and its error for a missing stack.
        executable(
                bin.resolve("aws"), """
                #!/usr/bin/env bash
                echo "aws $*" >> "%1$s"
                case "$*" in
                  *StackStatus*)
                    if [ -f "%2$s" ]; then echo UPDATE_COMPLETE; exit 0; fi
                    echo "An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id $4 does not exist" >&2
                    exit 254 ;;
                  *Parameters*) printf 'EmrSubnetId\\t%%s\\nJobTimeoutMinutes\\t60\\n' "$(cat "%3$s" 2>/dev/null)" ;;
                  *ArtifactsBucketName*) echo artifacts-bucket-1 ;;
                esac
                """.formatted(calls, work.resolve("stack-exists"), work.resolve("stack-subnet")));
        // This build's runner; $DATASETS, when set, stands for config/datasets.json (the check's --config).
        executable(work.resolve("pipeline-local"), """
                #!/usr/bin/env bash
                command=$1
                shift
                exec "%s" -cp "%s" %s "$command" ${DATASETS:+--config "$DATASETS"} "$@"
                """.formatted(
                        Path.of(System.getProperty("java.home"), "bin", "java"),
                        System.getProperty("java.class.path"),
                        PipelineLocal.class.getName()));
    }

    @Test
    void refusesWithOneLineNamingTheDatasetWhenADatasetCanReachEmrWithoutASubnet() throws Exception {
        Path config = datasets(
                "\"maxBytes\": 21474836480, \"engineBySize\": [{\"minBytes\": 10737418240, \"engine\": \"EMR\"}]");

        Run run = deploy(Map.of("DATASETS", config.toString()), "--skip-build");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip())
                .doesNotContain("\n")
                .startsWith("deploy: dataset big can run on EMR")
                .contains("EmrSubnetId is empty");
        assertThat(recordedCalls()).noneMatch(call -> call.startsWith("sam ") || call.startsWith(UPLOAD));
    }

    @Test
    void anUpdateChecksTheSubnetTheStackKeepsWhenNoneIsPassed() throws Exception {
        Path config = datasets(
                "\"maxBytes\": 21474836480, \"engineBySize\": [{\"minBytes\": 10737418240, \"engine\": \"EMR\"}]");
        Files.createFile(work.resolve("stack-exists"));
        Files.writeString(work.resolve("stack-subnet"), "subnet-0kept");

        Run run = deploy(Map.of("DATASETS", config.toString()), "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).anyMatch(line -> line.startsWith("sam deploy "));
    }

    @Test
    void aFirstDeployUploadsTheJobAfterTheStackCreatesItsBucket() throws Exception {
        Run run = deploy("--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(indexOf(run.out(), "sam deploy ")).isLessThan(indexOf(run.out(), UPLOAD));
        assertThat(run.out())
                .filteredOn(line -> line.startsWith(UPLOAD))
                .containsExactly(
                        "aws s3 cp jobs/curate/target/curate-job.jar"
                                + " \"s3://<ArtifactsBucketName>/jobs/curate/curate-job.jar\"",
                        "aws s3 cp jobs/curate/glue/GlueCurateEntry.scala"
                                + " \"s3://<ArtifactsBucketName>/jobs/curate/GlueCurateEntry.scala\"",
                        "aws s3 cp " + EXAMPLE_JAR + " \"s3://<ArtifactsBucketName>/" + EXAMPLE_JAR + "\"");
        assertThat(run.err()).contains("the stack creates the artifacts bucket");
    }

    @Test
    void anUpdateUploadsTheJobBeforeTheStackChanges() throws Exception {
        Files.createFile(work.resolve("stack-exists"));

        Run run = deploy("--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(indexOf(run.out(), UPLOAD)).isLessThan(indexOf(run.out(), "sam deploy "));
        assertThat(run.out())
                .filteredOn(line -> line.startsWith(UPLOAD))
                .containsExactly(
                        "aws s3 cp jobs/curate/target/curate-job.jar s3://artifacts-bucket-1/jobs/curate/curate-job.jar",
                        "aws s3 cp jobs/curate/glue/GlueCurateEntry.scala"
                                + " s3://artifacts-bucket-1/jobs/curate/GlueCurateEntry.scala",
                        "aws s3 cp " + EXAMPLE_JAR + " s3://artifacts-bucket-1/" + EXAMPLE_JAR);
    }

    @Test
    void aDryRunBuildsDeploysAndUploadsNothing() throws Exception {
        Run run = deploy("--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("./mvnw -B -DskipTests package", "sam build");
        assertThat(recordedCalls()).allMatch(call -> call.startsWith("aws cloudformation describe-stacks "));
    }

    @Test
    void anUpdateRunsTheUploadBeforeSamDeploy() throws Exception {
        Files.createFile(work.resolve("stack-exists"));

        Run run = deploy("--skip-build");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> made = recordedCalls().stream()
                .filter(call -> !call.startsWith("aws cloudformation describe-stacks "))
                .toList();
        assertThat(made)
                .containsExactly(
                        "aws s3 cp jobs/curate/target/curate-job.jar s3://artifacts-bucket-1/jobs/curate/curate-job.jar",
                        "aws s3 cp jobs/curate/glue/GlueCurateEntry.scala"
                                + " s3://artifacts-bucket-1/jobs/curate/GlueCurateEntry.scala",
                        "aws s3 cp " + EXAMPLE_JAR + " s3://artifacts-bucket-1/" + EXAMPLE_JAR,
                        "sam deploy --stack-name spark-pipeline --parameter-overrides"
                                + " JobTimeoutMinutes=\"60\" LogRetentionDays=\"30\"");
    }

    @Test
    void aParameterOnTheCommandLineWinsOverSamconfig() throws Exception {
        Run run =
                deploy("--dry-run", "--parameter-overrides", "LogRetentionDays=7", "NotificationEmail=ops@example.com");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("sam deploy --stack-name spark-pipeline --parameter-overrides"
                        + " 'JobTimeoutMinutes=\"60\" LogRetentionDays=\"7\" NotificationEmail=\"ops@example.com\"'");
    }

    @Test
    void theStackNameOnTheCommandLineWinsOverSamconfig() throws Exception {
        Run run = deploy("--dry-run", "--stack-name", "pipeline-test");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).anyMatch(line -> line.startsWith("sam deploy --stack-name pipeline-test "));
    }

    /** A datasets configuration of one dataset {@code big} with these fields. */
    private Path datasets(String fields) throws IOException {
        String json = """
                {"defaults": {"formats": ["csv"], "gzip": false, "minBytes": 1, "maxBytes": 1000,
                  "csv": {"delimiter": ",", "quote": "\\""}, "engine": "EMR_SERVERLESS", "timeoutMinutes": 60,
                  "maxErrorRatio": 0.05, "partitionBy": ["ingest_date"]},
                 "datasets": {"big": {"prefix": "big/", "columns": [{"name": "id", "type": "string"}], %s}}}
                """.formatted(fields);
        return Files.writeString(work.resolve("datasets.json"), json);
    }

    @Test
    void refusesInOneLineBeforeBuildingWhenTheSamCliIsMissing() throws Exception {
        Files.delete(work.resolve("bin/sam"));

        Run run = deploy();

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("deploy: needs the SAM CLI (sam) on PATH");
        assertThat(calls).doesNotExist();
    }

    private Run deploy(String... arguments) throws IOException, InterruptedException {
        return deploy(Map.of(), arguments);
    }

    private Run deploy(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(ProjectFiles.root().resolve("bin/deploy").toString()));
        command.addAll(List.of(arguments));
        Path out = work.resolve("out.log");
        Path err = work.resolve("err.log");
        var builder = new ProcessBuilder(command)
                .directory(ProjectFiles.root().toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("PATH", work.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment()
                .put("PIPELINE_LOCAL", work.resolve("pipeline-local").toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/deploy did not finish in 120 s");
        }
        return new Run(
                process.exitValue(),
                Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private List<String> recordedCalls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls, StandardCharsets.UTF_8) : List.of();
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting " + prefix + " in " + lines);
    }

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}

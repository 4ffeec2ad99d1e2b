package dev.sparkpipeline.local.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.engine.EngineDescriptions;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRequest;
import dev.sparkpipeline.core.json.ExecutionInputJson;
import dev.sparkpipeline.core.json.JsonObject;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.template.BucketNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A local job the state machine gives up on (its deadline passed) is cancelled: the child JVM
 * stops and the engine reports the cancelled state of the engine it stands in for, which the
 * tracker's table reads as CANCELLED.
 */
class LocalSparkEngineTest {

    private static final BucketNames BUCKETS = ProjectFiles.buckets();

    @TempDir
    Path lakeDir;

    @ParameterizedTest(name = "{0} reports {1}")
    @CsvSource({"EMR_SERVERLESS, CANCELLED", "GLUE, STOPPED", "EMR, CANCELLED"})
    void aCancelledJobStopsItsJvmAndReportsTheEnginesCancelledState(Engine engine, String cancelledState)
            throws Exception {
        LocalLake lake = new LocalLake(lakeDir);
        Path landed = lake.file(BUCKETS.landing(), "orders/2026/11/22/orders.csv");
        Files.createDirectories(landed.getParent());
        Files.copy(ProjectFiles.root().resolve("events/data/orders.csv"), landed);
        ExecutionInput input =
                ExecutionInputJson.read(JsonObject.parse("""
                {"dataset": "orders", "engine": "%s",
                 "source": {"bucket": "landing-bucket", "key": "orders/2026/11/22/orders.csv", "size": 10},
                 "job": {"timeoutMinutes": 1}}""".formatted(engine).getBytes(StandardCharsets.UTF_8)));
        var local = new LocalSparkEngine(
                EngineDescriptions.of(engine),
                lake,
                new LocalSparkJob(System.getProperty("java.class.path"), null),
                BUCKETS.curated(),
                Clock.systemUTC());
        JobHandle handle = local.submit(new JobRequest("run-cancelled", input, null));

        local.cancel(handle);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String state = local.observe(handle).rawState();
        while (state.equals("RUNNING") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            state = local.observe(handle).rawState();
        }
        assertThat(state).isEqualTo(cancelledState);
        assertThat(lake.file(BUCKETS.curated(), "orders/_manifests/run-cancelled.json"))
                .doesNotExist();
    }
}

package dev.sparkpipeline.local.livy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.aws.livy.LivyBatchRef;
import dev.sparkpipeline.aws.livy.LivyBatchRequest;
import dev.sparkpipeline.aws.livy.LivyBatches;
import dev.sparkpipeline.aws.livy.LivyClient;
import dev.sparkpipeline.aws.livy.LivySighting;
import dev.sparkpipeline.core.engine.NormalisedState;
import dev.sparkpipeline.core.error.JobLost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's Livy batches against a real Apache Livy 0.7.1 running Spark 3.5 jobs: a batch
 * runs to success, a failing one ends dead with its log's last line, and after Livy restarts
 * without recovery the old id names another job, which is never taken for ours.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealLivyTest {

    @TempDir
    static Path work;

    private static RealLivy livy;
    private static LivyBatches batches;

    @BeforeAll
    static void start() throws IOException {
        livy = new RealLivy(work);
        batches = new LivyBatches(LivyClient.to(livy.endpoint()));
    }

    @AfterAll
    static void stop() {
        if (livy != null) {
            livy.close();
        }
    }

    private static LivyBatchRequest probe(String name, String... args) throws IOException {
        return new LivyBatchRequest(
                livy.applicationJar().toString(),
                LivyProbeJob.class.getName(),
                List.of(args),
                Map.of("spark.ui.enabled", "false"),
                name);
    }

    @Test
    @Order(1)
    void aBatchRunsToSuccessAndARetriedSubmitFindsItByName() throws IOException {
        LivyBatchRef ref = batches.submit(probe("run-success"));
        LivyBatchRef again = batches.submit(probe("run-success"));

        LivySighting ended = untilEnded(ref);

        assertThat(again.id()).isEqualTo(ref.id());
        assertThat(ended.batch().state())
                .as(String.join("\n", batches.log(ended.ref(), 0, 100).lines()))
                .isEqualTo("success");
        assertThat(ended.state()).isEqualTo(NormalisedState.SUCCEEDED);
    }

    @Test
    @Order(2)
    void aFailingBatchEndsDeadWithTheLastLineOfItsLog() throws IOException {
        LivyBatchRef ref = batches.submit(probe("run-fails", "--fail"));

        LivySighting ended = untilEnded(ref);

        assertThat(ended.state()).isEqualTo(NormalisedState.FAILED);
        assertThat(ended.observation().failureReason())
                .startsWith("Livy batch " + ref.id() + " is dead")
                .contains("the probe failed on purpose after counting 100 rows");
    }

    @Test
    @Order(3)
    void afterARestartWithoutRecoveryTheOldIdNamesAnotherJobAndOursIsLostNotConfused() throws IOException {
        LivyBatchRef ours = batches.submit(probe("run-before-restart"));
        untilEnded(ours);

        livy.restartWithoutRecovery();
        LivyBatchRef other = batches.submit(probe("someone-elses-job"));

        assertThat(other.id()).as("ids start from 0 again").isZero();
        LivyBatchRef atTheSameId = new LivyBatchRef(other.id(), "run-success", null);
        assertThatThrownBy(() -> batches.observe(atTheSameId))
                .isInstanceOf(JobLost.class)
                .hasMessageContaining("now names")
                .hasMessageContaining("someone-elses-job");
        LivyBatchRef resubmitted = batches.submit(probe("run-success"));
        LivySighting rerun = untilEnded(resubmitted);
        assertThat(rerun.batch().name()).isEqualTo("run-success");
        assertThat(rerun.state()).isEqualTo(NormalisedState.SUCCEEDED);
        untilEnded(other);
    }

    private static LivySighting untilEnded(LivyBatchRef ref) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        LivySighting seen = batches.observe(ref);
        while (!seen.state().terminal() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            seen = batches.observe(seen.ref());
        }
        assertThat(seen.state().terminal())
                .as("batch %s ended in 3 minutes: %s", ref, seen.batch())
                .isTrue();
        return seen;
    }
}

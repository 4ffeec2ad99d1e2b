package dev.sparkpipeline.aws.livy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.engine.NormalisedState;
import dev.sparkpipeline.core.error.JobLost;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * LivyBatches against a real Apache Livy 0.7.1 running batches on local Spark 3.5.9 ({@link RealLivy}).
 * Opt-in ({@code -Dlivy.real=true}) until the build fetches Livy's jars: see docs/architecture.md, "Livy".
 */
@EnabledIfSystemProperty(named = "livy.real", matches = "true")
class RealLivyTest {

    private static RealLivy livy;
    private static LivyBatches batches;
    private static String jar;

    @BeforeAll
    static void start() throws Exception {
        livy = new RealLivy(Path.of("target", "real-livy").toAbsolutePath());
        batches = new LivyBatches(LivyClient.to(livy.endpoint()), 2);
        jar = livy.sleepJobJar().toString();
    }

    @AfterAll
    static void stop() throws Exception {
        if (livy != null) {
            livy.close();
        }
    }

    private static LivyBatchRequest sleep(String name, String... args) {
        return new LivyBatchRequest(
                jar, SleepJob.class.getName(), List.of(args), Map.of("spark.ui.enabled", "false"), name);
    }

    private static LivySighting until(LivyBatchRef ref, java.util.function.Predicate<LivySighting> done)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            LivySighting seen = batches.observe(ref);
            if (done.test(seen) || Instant.now().isAfter(deadline)) {
                return seen;
            }
            Thread.sleep(500);
        }
    }

    @Test
    void aBatchRunsToSuccessAndItsLogIsRead() throws Exception {
        LivyBatchRef ref = batches.submit(sleep("real-success", "1"));

        LivySighting done = until(ref, seen -> seen.state().terminal());

        assertThat(done.state()).isEqualTo(NormalisedState.SUCCEEDED);
        assertThat(done.batch().state()).isEqualTo("success");
        assertThat(batches.log(ref, 0, 100).lines()).contains("SleepJob done");
    }

    @Test
    void aFailedJobIsDeadWithItsException() throws Exception {
        LivyBatchRef ref = batches.submit(sleep("real-failure", "0", "no input at s3://landing/a.csv"));

        LivySighting done = until(ref, seen -> seen.state().terminal());

        assertThat(done.batch().state()).isEqualTo("dead");
        assertThat(done.state()).isEqualTo(NormalisedState.FAILED);
        assertThat(batches.log(ref, 0, 200).lines())
                .anyMatch(line -> line.contains("IllegalStateException: no input at s3://landing/a.csv"));
    }

    @Test
    void aSubmitRetriedFindsItsBatchInsteadOfStartingASecond() throws Exception {
        LivyBatchRef first = batches.submit(sleep("real-retried", "1"));

        LivyBatchRef retried = batches.submit(sleep("real-retried", "1"));

        assertThat(retried.id()).isEqualTo(first.id());
    }

    @Test
    void cancelKillsARunningBatchAndLivyForgetsIt() throws Exception {
        LivyBatchRef ref = batches.submit(sleep("real-cancel", "120"));
        until(ref, seen -> seen.state() == NormalisedState.RUNNING);

        boolean killed = batches.cancel(ref);

        assertThat(killed).isTrue();
        // Livy 0.7.1 removes a deleted batch at once (SessionManager.delete): it is never seen "killed".
        assertThat(LivyClient.to(livy.endpoint()).batch(ref.id())).isEmpty();
        assertThat(batches.cancel(ref)).isFalse();
    }

    @Test
    void afterARestartTheOldIdNamesAnotherJobAndOursIsLostNeverMistaken() throws Exception {
        LivyBatchRef ours = batches.submit(sleep("real-ours", "120"));
        until(ours, seen -> seen.state() == NormalisedState.RUNNING);
        livy.restartWithoutRecovery();
        // Livy's ids start over: the next batch, another job's, takes id 0.
        LivyBatchRef theirs = new LivyBatches(LivyClient.to(livy.endpoint())).submit(sleep("real-theirs", "120"));
        LivyBatchRef oursAtTheirId = new LivyBatchRef(theirs.id(), ours.name(), ours.appId());

        assertThatThrownBy(() -> batches.observe(oursAtTheirId))
                .isInstanceOf(JobLost.class)
                .hasMessageContaining("now names 'real-theirs'")
                .hasMessageContaining("no batch has its name");
        assertThat(batches.cancel(oursAtTheirId)).isFalse();
        assertThat(batches.observe(theirs).state()).isNotEqualTo(NormalisedState.CANCELLED);
    }

    @Test
    void afterARestartOursResubmittedByNameIsFoundAtItsNewId() throws Exception {
        LivyBatchRef ours = batches.submit(sleep("real-found", "120"));
        livy.restartWithoutRecovery();
        LivyBatchRef theirs = new LivyBatches(LivyClient.to(livy.endpoint())).submit(sleep("real-other", "120"));
        // The state machine's one resubmission, by name, after the JobLost.
        batches.submit(sleep("real-found", "120"));
        LivyBatchRef oursAtTheirId = new LivyBatchRef(theirs.id(), ours.name(), null);

        LivySighting seen = batches.observe(oursAtTheirId);

        assertThat(seen.batch().name()).isEqualTo("real-found");
        assertThat(seen.ref().id()).isNotEqualTo(theirs.id());
        assertThat(batches.cancel(seen.ref())).isTrue();
        assertThat(batches.observe(theirs).batch().name()).isEqualTo("real-other");
    }
}

package dev.sparkpipeline.aws.livy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.engine.NormalisedState;
import dev.sparkpipeline.core.error.ConcurrentRunsExceeded;
import dev.sparkpipeline.core.error.EngineUnavailable;
import dev.sparkpipeline.core.error.InvalidJobConfig;
import dev.sparkpipeline.core.error.JobLost;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LivyBatches against a stub of Livy's batch API: submit, track, cancel, logs, and Livy's ids starting over. */
class LivyBatchesTest {

    private static final String RUN = "orders-3f9a1c";

    private LivyStub livy;
    private LivyBatches batches;

    @BeforeEach
    void start() throws IOException {
        livy = new LivyStub();
        // Pages of two, so that finding a batch by name walks several pages.
        batches = new LivyBatches(LivyClient.to(livy.endpoint()), 2);
    }

    @AfterEach
    void stop() {
        livy.close();
    }

    private static LivyBatchRequest request(String name) {
        return new LivyBatchRequest(
                "s3://artifacts/jobs/curate.jar",
                "dev.sparkpipeline.jobs.curate.CurateJob",
                List.of("--dataset", "orders", "--run-id", name),
                Map.of("spark.sql.catalog.glue", "org.apache.iceberg.spark.SparkCatalog"),
                name);
    }

    @Test
    void submitPostsTheJobNamedAfterTheExecution() {
        LivyBatchRef ref = batches.submit(request(RUN));

        LivyStub.Batch posted = livy.batch(ref.id());
        assertThat(posted.name).isEqualTo(RUN);
        assertThat(posted.body)
                .containsEntry("file", "s3://artifacts/jobs/curate.jar")
                .containsEntry("className", "dev.sparkpipeline.jobs.curate.CurateJob")
                .containsEntry("args", List.of("--dataset", "orders", "--run-id", RUN))
                .containsEntry("conf", Map.of("spark.sql.catalog.glue", "org.apache.iceberg.spark.SparkCatalog"))
                .containsEntry("name", RUN);
        assertThat(ref).isEqualTo(new LivyBatchRef(0, RUN, null));
    }

    @Test
    void aBatchIsTrackedThroughItsStatesToSuccessAndLearnsItsApplication() {
        LivyBatchRef ref = batches.submit(request(RUN));

        LivySighting starting = batches.observe(ref);
        livy.advance(ref.id(), "running", "application_1700000000000_0001");
        LivySighting running = batches.observe(starting.ref());
        livy.advance(ref.id(), "success", null);
        LivySighting done = batches.observe(running.ref());

        assertThat(List.of(starting.state(), running.state(), done.state()))
                .containsExactly(NormalisedState.PENDING, NormalisedState.RUNNING, NormalisedState.SUCCEEDED);
        assertThat(done.state().terminal()).isTrue();
        assertThat(done.ref()).isEqualTo(new LivyBatchRef(0, RUN, "application_1700000000000_0001"));
        assertThat(done.observation().links())
                .containsEntry("sparkUi", "http://primary:20888/proxy/application_1700000000000_0001/")
                .containsKey("driverLogs");
        assertThat(done.observation().failureReason()).isNull();
    }

    @Test
    void aDeadBatchFailsWithTheLastLineOfItsLog() {
        LivyBatchRef ref = batches.submit(request(RUN));
        livy.advance(ref.id(), "dead", "application_1700000000000_0001");
        livy.appendLog(ref.id(), "\tException in thread \"main\" java.io.FileNotFoundException: s3://landing/a.csv");

        LivySighting dead = batches.observe(ref);

        assertThat(dead.state()).isEqualTo(NormalisedState.FAILED);
        assertThat(dead.observation().failureReason())
                .isEqualTo("Livy batch 0 (application_1700000000000_0001) is dead:"
                        + " Exception in thread \"main\" java.io.FileNotFoundException: s3://landing/a.csv");
    }

    @Test
    void aDeadBatchsReasonIsItsLastExceptionNotTheShutdownLinesAfterIt() {
        LivyBatchRef ref = batches.submit(request(RUN));
        livy.appendLog(ref.id(), "Exception in thread \"main\" java.lang.IllegalStateException: bad input");
        livy.appendLog(ref.id(), "\tat dev.sparkpipeline.curate.CurateJob.main(CurateJob.java:42)");
        livy.appendLog(ref.id(), "INFO ShutdownHookManager: Shutdown hook called");
        livy.advance(ref.id(), "dead", null);

        assertThat(batches.observe(ref).observation().failureReason())
                .isEqualTo(
                        "Livy batch 0 is dead: Exception in thread \"main\" java.lang.IllegalStateException: bad input");
    }

    @Test
    void cancelKillsARunningBatch() {
        LivyBatchRef ref = batches.submit(request(RUN));
        livy.advance(ref.id(), "running", "application_1700000000000_0001");

        boolean killed = batches.cancel(ref);

        assertThat(killed).isTrue();
        assertThat(livy.calls()).contains("DELETE /batches/0");
        assertThat(livy.batch(ref.id())).isNull();
    }

    @Test
    void cancelRetriedAfterLivyRemovedTheBatchIsDone() {
        LivyBatchRef ref = batches.submit(request(RUN));
        batches.cancel(ref);

        boolean again = batches.cancel(ref);

        assertThat(again).isFalse();
        assertThat(livy.calls()).filteredOn(call -> call.startsWith("DELETE")).hasSize(1);
    }

    @Test
    void cancelLeavesAnEndedBatchAsItIs() {
        LivyBatchRef ref = batches.submit(request(RUN));
        livy.advance(ref.id(), "success", "application_1700000000000_0001");

        batches.cancel(ref);

        assertThat(livy.batch(ref.id()).state).isEqualTo("success");
        assertThat(livy.calls()).noneMatch(call -> call.startsWith("DELETE"));
    }

    @Test
    void logsAreReadFromTheBatch() {
        LivyBatchRef ref = batches.submit(request(RUN));
        livy.appendLog(ref.id(), "INFO SparkContext: Running Spark version 3.5.9");
        livy.appendLog(ref.id(), "INFO CurateJob: 12 rows curated");

        LivyLog log = batches.log(ref, 2, 10);

        assertThat(log.lines())
                .containsExactly("INFO SparkContext: Running Spark version 3.5.9", "INFO CurateJob: 12 rows curated");
        assertThat(log.total()).isEqualTo(4);
    }

    @Test
    void afterARestartTheBatchIsFoundByNameUnderItsNewId() {
        LivyBatchRef ref = batches.submit(request(RUN));
        livy.advance(ref.id(), "running", "application_1700000000000_0001");
        LivyBatchRef known = batches.observe(ref).ref();
        // Livy restarts and its ids start over; ours comes back (resubmitted under its name) behind two others.
        livy.restartWithoutRecovery();
        livy.submittedElsewhere("reports-nightly");
        livy.submittedElsewhere("clicks-hourly");
        LivyBatchRef again = batches.submit(request(RUN));
        livy.advance(again.id(), "running", null);

        LivySighting seen = batches.observe(new LivyBatchRef(known.id(), known.name(), null));

        assertThat(seen.ref().id()).isEqualTo(2);
        assertThat(seen.batch().name()).isEqualTo(RUN);
    }

    @Test
    void anIdThatNowNamesAnotherJobIsNeverTakenForOurs() {
        LivyBatchRef ref = batches.submit(request(RUN));
        livy.advance(ref.id(), "running", "application_1700000000000_0001");
        LivyBatchRef known = batches.observe(ref).ref();
        livy.restartWithoutRecovery();
        LivyStub.Batch other = livy.submittedElsewhere("reports-nightly");
        livy.advance(other.id, "success", "application_1700000000001_0001");

        assertThatThrownBy(() -> batches.observe(known))
                .isInstanceOf(JobLost.class)
                .hasMessage("Livy lost batch 0 'orders-3f9a1c' (application_1700000000000_0001): batch 0 now names"
                        + " 'reports-nightly' (application_1700000000001_0001) at id 0 and no batch has its name;"
                        + " Livy restarted without recovery, the batch was deleted (DELETE /batches removes it),"
                        + " or Livy forgot it after it ended (livy.server.session.state-retain.sec)");
    }

    @Test
    void aBatchGoneAfterARestartIsLostWithTheReason() {
        LivyBatchRef ref = batches.submit(request(RUN));
        livy.restartWithoutRecovery();

        assertThatThrownBy(() -> batches.observe(ref))
                .isInstanceOf(JobLost.class)
                .hasMessageContaining("batch 0 is gone (404) and no batch has its name")
                .hasMessageContaining("Livy restarted without recovery");
    }

    @Test
    void aBatchOfOurNameRunningAnotherApplicationIsNotOurs() {
        LivyBatchRef ref = batches.submit(request(RUN));
        livy.advance(ref.id(), "running", "application_1700000000000_0001");
        LivyBatchRef known = batches.observe(ref).ref();
        livy.restartWithoutRecovery();
        livy.submittedElsewhere("reports-nightly");
        LivyStub.Batch later = livy.submittedElsewhere(RUN);
        livy.advance(later.id, "running", "application_1700000000001_0007");

        assertThatThrownBy(() -> batches.observe(known))
                .isInstanceOf(JobLost.class)
                .hasMessageContaining("runs another application: a later submission, not this job");
    }

    @Test
    void cancelNeverKillsTheJobThatNowHoldsTheId() {
        LivyBatchRef ref = batches.submit(request(RUN));
        livy.restartWithoutRecovery();
        LivyStub.Batch other = livy.submittedElsewhere("reports-nightly");
        livy.advance(other.id, "running", "application_1700000000001_0001");

        boolean killed = batches.cancel(ref);

        assertThat(killed).isFalse();
        assertThat(livy.batch(other.id).state).isEqualTo("running");
        assertThat(livy.calls()).noneMatch(call -> call.startsWith("DELETE"));
    }

    @Test
    void aSubmitRetriedAfterALostAnswerFindsItsBatchByName() {
        livy.submittedElsewhere("reports-nightly");
        livy.submittedElsewhere("clicks-hourly");
        livy.loseNextSubmitAnswer();
        assertThatThrownBy(() -> batches.submit(request(RUN))).isInstanceOf(EngineUnavailable.class);

        LivyBatchRef retried = batches.submit(request(RUN));

        assertThat(retried).isEqualTo(new LivyBatchRef(2, RUN, null));
        assertThat(livy.batches()).filteredOn(batch -> RUN.equals(batch.name)).hasSize(1);
        assertThat(livy.calls()).filteredOn(call -> call.startsWith("POST")).hasSize(1);
    }

    @Test
    void aSubmitRefusedAsADuplicateNameTakesTheBatchOfThatName() {
        // Another attempt of the same submission posts between this one's look-up and its POST.
        livy.anotherAttemptPostsFirst();

        LivyBatchRef ref = batches.submit(request(RUN));

        assertThat(livy.batches())
                .singleElement()
                .satisfies(batch -> assertThat(batch.id).isEqualTo(ref.id()));
        assertThat(ref.name()).isEqualTo(RUN);
    }

    @Test
    void livyRefusingNewSessionsForNowIsACapacityRefusal() {
        livy.refuseNewSessions();

        assertThatThrownBy(() -> batches.submit(request(RUN)))
                .isInstanceOf(ConcurrentRunsExceeded.class)
                .hasMessage("POST /batches failed: HTTP 400 Rejected, too many sessions are being created!");
    }

    @Test
    void aRequestLivyRejectsIsAnInvalidJobConfigWithLivysMessage() {
        assertThatThrownBy(() -> batches.submit(new LivyBatchRequest(null, null, List.of(), Map.of(), RUN)))
                .isInstanceOf(InvalidJobConfig.class)
                .hasMessage("POST /batches failed: HTTP 400 File is required.");
    }
}

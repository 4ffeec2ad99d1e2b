package dev.sparkpipeline.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.JobSettings;
import dev.sparkpipeline.core.contract.SourceObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Submissions the engine admits and the ones it refuses for capacity, which wait instead of failing. */
class JobSubmitterTest {

    private static final Instant STARTED = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    void aRefusalForCapacityIsAQueuedWaitWithoutAHandle() {
        var run = submitter(full(), STARTED.plusSeconds(5)).submit(request());

        assertThat(run.admitted()).isFalse();
        assertThat(run.status().state()).isEqualTo(NormalisedState.QUEUED);
        assertThat(run.status().rawState()).isEqualTo(JobSubmitter.WAITING_FOR_CAPACITY);
        assertThat(run.status().timedOut()).isFalse();
        assertThat(run.status().queuedSeconds()).isEqualTo(5);
        assertThat(run.status().nextPollSeconds()).isEqualTo(35);
    }

    @Test
    void aRefusalPastTheQueuesDeadlineIsHeldNamingTheTimeWaitedAndTheEnginesWord() {
        var run = submitter(full(), STARTED.plusSeconds(360 * 60 + 120)).submit(request());

        assertThat(run.status().timedOut()).isTrue();
        assertThat(run.status().failureReason())
                .isEqualTo("held in the queue past its deadline (QueueTimeoutMinutes 360): GLUE still refused the job"
                        + " for capacity (StartJobRun failed: ConcurrentRunsExceededException) after 21720 s waiting");
    }

    @Test
    void anAdmittedJobCarriesTheTimeItWaitedForCapacityIntoItsQueue() {
        Clock later = Clock.fixed(STARTED.plusSeconds(90), ZoneOffset.UTC);
        var engine = new ScriptedEngine(later);

        var run = submitter(engine, STARTED.plusSeconds(90)).submit(request());

        assertThat(run.admitted()).isTrue();
        assertThat(run.handle().queuedSince()).isEqualTo(STARTED.getEpochSecond());
        assertThat(run.status().queuedSeconds()).isEqualTo(90);
    }

    private static ScriptedEngine full() {
        var engine = new ScriptedEngine(Clock.systemUTC());
        engine.full = true;
        return engine;
    }

    private static JobSubmitter submitter(JobEngine engine, Instant now) {
        return new JobSubmitter(
                new JobEngines(List.of(engine)),
                new PollSchedule(() -> 0.5),
                new QueuePolicy(360, () -> 0.5),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static JobRequest request() {
        var input = new ExecutionInput(
                "orders",
                new SourceObject("landing-bucket", "orders/2026/11/22/orders-001.csv", "v1", "etag", 1024, null),
                Engine.GLUE,
                new JobSettings(60, Map.of(), null, null));
        return new JobRequest("orders-run-1", input, null, STARTED);
    }
}

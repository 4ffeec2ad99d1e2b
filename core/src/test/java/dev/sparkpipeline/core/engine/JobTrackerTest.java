package dev.sparkpipeline.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.observability.Metrics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A job's two deadlines: the queue's while it waits, its own once it runs, counted from when it began running. */
class JobTrackerTest {

    private static final long SUBMITTED = 1_795_000_000L;
    /** Submitted a minute after its execution started; a 60-minute job. */
    private static final JobHandle HANDLE =
            JobHandle.of(Engine.GLUE, "jr_1", "curate", "run-1", SUBMITTED, 60).queuedSince(SUBMITTED - 60);

    @Test
    void aQueuedJobCountsItsWaitFromTheExecutionsStart() {
        var status = trackAt(SUBMITTED + 600, "WAITING", null, null);

        assertThat(status.state()).isEqualTo(NormalisedState.QUEUED);
        assertThat(status.queuedSeconds()).isEqualTo(660);
        assertThat(status.runningSince()).isNull();
        assertThat(status.timedOut()).isFalse();
    }

    @Test
    void aJobQueuedPastTheQueuesDeadlineIsHeldNamingItsWait() {
        var status = trackAt(SUBMITTED - 60 + 360 * 60 + 120, "WAITING", null, null);

        assertThat(status.timedOut()).isTrue();
        assertThat(status.failureReason())
                .isEqualTo("held in the queue past its deadline (QueueTimeoutMinutes 360): the job was still WAITING"
                        + " after 21720 s waiting");
    }

    @Test
    void aJobThatQueuedForHoursGetsItsWholeTimeoutOnceItRuns() {
        long began = SUBMITTED + 5 * 3600;

        var status = trackAt(began + 3000, "RUNNING", began, null);

        assertThat(status.timedOut()).isFalse();
        assertThat(status.queuedSeconds()).isEqualTo(5 * 3600 + 60);
        assertThat(status.runningSince()).isEqualTo(began);
    }

    @Test
    void aJobRunningPastItsTimeoutIsHeldCountingItsRunningTimeOnly() {
        long began = SUBMITTED + 5 * 3600;

        var status = trackAt(began + 3720, "RUNNING", began, null);

        assertThat(status.timedOut()).isTrue();
        assertThat(status.failureReason())
                .isEqualTo("held to its deadline: the job was still RUNNING after 3720 s running"
                        + " (it waited 18060 s before)");
    }

    @Test
    void aJobThatRunsAtOnceOnAnEngineThatDoesNotSayWhenIsTakenToRunFromItsSubmission() {
        var submission = trackAt(SUBMITTED, "WAITING", null, null);

        var first = trackAt(SUBMITTED + 12, "RUNNING", null, submission);

        assertThat(first.runningSince()).isEqualTo(SUBMITTED);
        assertThat(first.nextPollSeconds())
                .as("as if it had run from its submission")
                .isEqualTo(12);
    }

    @Test
    void aJobThatBeganBetweenTwoPollsIsTakenToHaveBegunAfterTheFirstAndRemembered() {
        var waiting = trackAt(SUBMITTED + 3600, "WAITING", null, null);

        var first = trackAt(SUBMITTED + 3870, "RUNNING", null, waiting);
        var later = trackAt(SUBMITTED + 4500, "RUNNING", null, first);

        assertThat(first.runningSince()).isEqualTo(SUBMITTED + 3600);
        assertThat(later.runningSince()).isEqualTo(SUBMITTED + 3600);
        assertThat(later.queuedSeconds()).isEqualTo(3660);
    }

    @Test
    void aWatchsOlderStatusPlacesTheStartNoEarlierThanTheLongestWaitAgo() {
        var beforeTheWatch = trackAt(SUBMITTED + 1400, "WAITING", null, null);

        var begun = trackAt(SUBMITTED + 20_000, "RUNNING", null, beforeTheWatch);

        assertThat(begun.runningSince()).isEqualTo(SUBMITTED + 20_000 - PollSchedule.LONGEST_SECONDS);
    }

    @Test
    void aJobThatBeginsAfterALongWaitIsPolledAsTheYoungJobItIs() {
        var longQueued = trackAt(SUBMITTED + 3 * 3600, "WAITING", null, null);

        var justBegun = trackAt(SUBMITTED + 3 * 3600 + 30, "RUNNING", SUBMITTED + 3 * 3600 + 20, longQueued);

        assertThat(longQueued.longRunning()).isTrue();
        assertThat(justBegun.longRunning()).isFalse();
        assertThat(justBegun.nextPollSeconds()).isEqualTo(PollSchedule.MIN_SECONDS);
    }

    private static JobStatus trackAt(long now, String state, Long startedAt, JobStatus previous) {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC);
        var engine = new ScriptedEngine(clock);
        engine.state = state;
        engine.startedAt = startedAt;
        var tracker = new JobTracker(
                new JobEngines(List.of(engine)),
                new PollSchedule(() -> 0.5),
                new QueuePolicy(360, () -> 0.5),
                clock,
                new Metrics("SparkPipeline", "track", line -> {}, clock));
        return tracker.track(HANDLE, previous).status();
    }
}

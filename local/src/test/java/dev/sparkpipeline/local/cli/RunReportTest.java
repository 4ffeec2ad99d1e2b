package dev.sparkpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.local.asl.HistoryEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What people see of a run while it runs. */
class RunReportTest {

    private static final Instant START = Instant.parse("2026-11-22T08:00:00Z");

    private final StringWriter out = new StringWriter();
    private final RunReport report = new RunReport(new PrintWriter(out), false);

    @Test
    void aStateIsPrintedTheMomentItEndsBeforeTheExecutionDoes() {
        RunReport.Timeline timeline = report.live();

        timeline.accept(event(HistoryEvent.Type.STATE_ENTERED, "SubmitJob", 0));
        timeline.accept(event(HistoryEvent.Type.STATE_EXITED, "SubmitJob", 1_250));
        timeline.accept(event(HistoryEvent.Type.STATE_ENTERED, "TrackJob", 1_300));

        assertThat(out.toString()).contains("SubmitJob").contains("1250 ms").doesNotContain("TrackJob");
    }

    @Test
    void theStateAnExecutionFailedInShowsTheExecutionsStatusAtTheEnd() {
        RunReport.Timeline timeline = report.live();
        timeline.accept(event(HistoryEvent.Type.STATE_ENTERED, "TrackJob", 0));
        timeline.accept(event(HistoryEvent.Type.TASK_FAILED, "TrackJob", 10));

        timeline.end("FAILED");

        assertThat(out.toString()).containsPattern("TrackJob\\s+FAILED");
    }

    @Test
    void aTaskFailureItsRetryTookIsNamedOnTheStatesLine() {
        RunReport.Timeline timeline = report.live();
        timeline.accept(event(HistoryEvent.Type.STATE_ENTERED, "SubmitJob", 0));
        timeline.accept(event(HistoryEvent.Type.TASK_SCHEDULED, "SubmitJob", 0));
        timeline.accept(
                new HistoryEvent(HistoryEvent.Type.TASK_FAILED, "SubmitJob", START.plusMillis(5), "EngineThrottled"));
        timeline.accept(event(HistoryEvent.Type.TASK_SCHEDULED, "SubmitJob", 900));
        timeline.accept(event(HistoryEvent.Type.STATE_EXITED, "SubmitJob", 1_000));

        assertThat(out.toString()).contains("retried after EngineThrottled");
    }

    private static HistoryEvent event(HistoryEvent.Type type, String state, long atMs) {
        return new HistoryEvent(type, state, START.plusMillis(atMs), null);
    }
}

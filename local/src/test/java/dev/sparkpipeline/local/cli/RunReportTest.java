package dev.sparkpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.asl.HistoryEvent;
import dev.sparkpipeline.local.asl.StateMachineDefinition;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What people see of a run while it runs. */
class RunReportTest {

    private static final Instant START = Instant.parse("2026-11-22T08:00:00Z");

    /** Submit, then a poll loop (Wait, Track, IsDone back to Wait until done), then Publish. */
    private static final StateMachineDefinition POLLING = StateMachineDefinition.parse(json("""
            {"StartAt": "Submit", "States": {
              "Submit": {"Type": "Pass", "Next": "Wait"},
              "Wait": {"Type": "Wait", "Seconds": 1, "Next": "Track"},
              "Track": {"Type": "Pass", "Next": "IsDone"},
              "IsDone": {"Type": "Choice", "Choices": [
                 {"Variable": "$.done", "BooleanEquals": true, "Next": "Publish"}], "Default": "Wait"},
              "Publish": {"Type": "Pass", "End": true}}}
            """));

    private final StringWriter out = new StringWriter();
    private final RunReport report = new RunReport(new PrintWriter(out), false);

    @Test
    void aStateIsPrintedTheMomentItEndsBeforeTheExecutionDoes() {
        RunReport.Timeline timeline = report.live(POLLING);

        timeline.accept(event(HistoryEvent.Type.STATE_ENTERED, "SubmitJob", 0));
        timeline.accept(event(HistoryEvent.Type.STATE_EXITED, "SubmitJob", 1_250));
        timeline.accept(event(HistoryEvent.Type.STATE_ENTERED, "TrackJob", 1_300));

        assertThat(out.toString()).contains("SubmitJob").contains("1250 ms").doesNotContain("TrackJob");
    }

    @Test
    void theStateAnExecutionFailedInShowsTheExecutionsStatusAtTheEnd() {
        RunReport.Timeline timeline = report.live(POLLING);
        timeline.accept(event(HistoryEvent.Type.STATE_ENTERED, "TrackJob", 0));
        timeline.accept(event(HistoryEvent.Type.TASK_FAILED, "TrackJob", 10));

        timeline.end("FAILED");

        assertThat(out.toString()).containsPattern("TrackJob\\s+FAILED");
    }

    @Test
    void aTaskFailureItsRetryTookIsNamedOnTheStatesLine() {
        RunReport.Timeline timeline = report.live(POLLING);
        timeline.accept(event(HistoryEvent.Type.STATE_ENTERED, "SubmitJob", 0));
        timeline.accept(event(HistoryEvent.Type.TASK_SCHEDULED, "SubmitJob", 0));
        timeline.accept(
                new HistoryEvent(HistoryEvent.Type.TASK_FAILED, "SubmitJob", START.plusMillis(5), "EngineThrottled"));
        timeline.accept(event(HistoryEvent.Type.TASK_SCHEDULED, "SubmitJob", 900));
        timeline.accept(event(HistoryEvent.Type.STATE_EXITED, "SubmitJob", 1_000));

        assertThat(out.toString()).contains("retried after EngineThrottled");
    }

    @Test
    void aPollLoopIsOneLinePerPollAndThenOneSummaryWhenStdoutIsNotATerminal() {
        RunReport.Timeline timeline = report.live(POLLING);
        pass(timeline, "Submit", 0, 10);
        poll(timeline, 10, "PENDING");
        poll(timeline, 1_010, "RUNNING");
        poll(timeline, 2_010, "SUCCEEDED");
        pass(timeline, "Publish", 3_200, 3_300);

        String printed = out.toString();
        assertThat(printed.lines().filter(line -> line.contains("poll "))).hasSize(3);
        assertThat(printed)
                .contains("Track")
                .contains("poll 2, next poll in 2 s")
                .doesNotContain("poll 3, next");
        assertThat(printed).containsPattern("Track x3\\s+PENDING -> RUNNING -> SUCCEEDED\\s+3\\.2 s");
        assertThat(printed).doesNotContainPattern("(?m)^\\s+Wait\\s+OK").doesNotContainPattern("(?m)^\\s+IsDone\\s+OK");
        assertThat(printed.indexOf("Track x3")).isLessThan(printed.indexOf("Publish"));
    }

    @Test
    void onATerminalThePollLoopRewritesOneLineInPlace() {
        var terminal = new RunReport(new PrintWriter(out), false, true);
        RunReport.Timeline timeline = terminal.live(POLLING);
        poll(timeline, 0, "RUNNING");
        poll(timeline, 1_000, "RUNNING");
        pass(timeline, "Publish", 2_000, 2_100);

        String printed = out.toString();
        assertThat(printed).contains("\r\033[2K");
        // Only a newline moves down a line: no progress line is ended by one, each is rewritten by the next.
        assertThat(printed).doesNotContainPattern("poll \\d+[^\\n\\r]*\\n");
        assertThat(printed).containsPattern("Track x2\\s+RUNNING\\s+2\\.0 s");
    }

    @Test
    void theStatesOfAPollLoopStillReachTheJsonDocument() {
        StringWriter json = new StringWriter();
        var document = new RunReport(new PrintWriter(json), true);
        RunReport.Timeline timeline = document.live(POLLING);
        poll(timeline, 0, "SUCCEEDED");
        pass(timeline, "Publish", 1_000, 1_100);
        document.finish(RunReport.Status.SUCCEEDED, "run-1", java.util.List.of(), null, null, null, 0);

        assertThat(json.toString())
                .contains("\"name\":\"Wait\"")
                .contains("\"name\":\"Track\"")
                .contains("\"name\":\"IsDone\"")
                .doesNotContain("poll ");
    }

    @Test
    void onATerminalADropOfManyFilesShowsABarUnderItsLinesThatFillsAsFilesEnd() {
        var terminal = new RunReport(new PrintWriter(out), false, true);
        terminal.progress(1, 4);
        terminal.note("  orders-batch-1  SUCCEEDED");
        terminal.progress(4, 4);
        terminal.endProgress();

        String printed = out.toString();
        assertThat(printed).contains("[#######.......................] 1/4 files");
        // The bar is cleared for the line, then drawn again under it.
        assertThat(printed).containsSubsequence("\r\033[2K  orders-batch-1  SUCCEEDED", "1/4 files", "4/4 files");
        assertThat(printed).contains("[##############################] 4/4 files");
        assertThat(printed).endsWith("\r\033[2K");
    }

    @Test
    void elsewhereADropOfManyFilesPrintsNoBar() {
        report.progress(1, 4);
        report.endProgress();

        assertThat(out.toString()).isEmpty();
    }

    /** One pass of the poll loop: Wait 1 s, Track answering {@code jobState}, IsDone. */
    private static void poll(RunReport.Timeline timeline, long atMs, String jobState) {
        timeline.accept(event(HistoryEvent.Type.STATE_ENTERED, "Wait", atMs));
        timeline.accept(new HistoryEvent(HistoryEvent.Type.WAIT_STARTED, "Wait", START.plusMillis(atMs), "1 s"));
        timeline.accept(event(HistoryEvent.Type.STATE_EXITED, "Wait", atMs + 990));
        timeline.accept(event(HistoryEvent.Type.STATE_ENTERED, "Track", atMs + 990));
        timeline.accept(event(HistoryEvent.Type.TASK_SCHEDULED, "Track", atMs + 990));
        timeline.accept(event(HistoryEvent.Type.TASK_STARTED, "Track", atMs + 990));
        timeline.accept(new HistoryEvent(
                HistoryEvent.Type.TASK_SUCCEEDED,
                "Track",
                START.plusMillis(atMs + 995),
                "{\"Payload\":{\"status\":{\"state\":\"" + jobState + "\",\"terminal\":" + jobState.equals("SUCCEEDED")
                        + ",\"nextPollSeconds\":2}}}"));
        timeline.accept(event(HistoryEvent.Type.STATE_EXITED, "Track", atMs + 995));
        timeline.accept(event(HistoryEvent.Type.STATE_ENTERED, "IsDone", atMs + 995));
        timeline.accept(event(HistoryEvent.Type.STATE_EXITED, "IsDone", atMs + 1_000));
    }

    private static void pass(RunReport.Timeline timeline, String state, long enteredMs, long exitedMs) {
        timeline.accept(event(HistoryEvent.Type.STATE_ENTERED, state, enteredMs));
        timeline.accept(event(HistoryEvent.Type.STATE_EXITED, state, exitedMs));
    }

    private static HistoryEvent event(HistoryEvent.Type type, String state, long atMs) {
        return new HistoryEvent(type, state, START.plusMillis(atMs), null);
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.sparkpipeline.local.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.asl.StateMachineDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's HTML page, loaded in headless Chromium: what a user opening it sees. */
class HtmlRunReportBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path lake;

    private static StateMachineDefinition definition;
    private static ExecutionPath path;
    private static String dom;

    @BeforeAll
    static void openTheReportOfAHappyRunInTheBrowser() throws Exception {
        definition = ExecutionPathTest.definition();
        path = ExecutionPathTest.run("happy-emr-serverless.json");
        JsonNode document = JSON.readTree("""
                {"status": "SUCCEEDED", "executions": ["scenario"], "dataset": "orders", "engine": "EMR_SERVERLESS",
                 "rowCounts": {"in": 26, "rejected": 1, "duplicates": 1, "curated": 24},
                 "rejectReasons": [{"reason": "amount: not a decimal <&>", "count": 1}],
                 "outputs": ["file:///lake/curated-bucket/orders/data/part-0.parquet"],
                 "cost": {"estimatedUsd": 0.000412, "basis": "0.004 vCPU-hours x 0.052624 USD"}}
                """);
        Path page = lake.resolve("_reports/scenario.html");
        HtmlRunReport.write(page, document, List.of(path), definition);
        dom = HeadlessChromium.domOf(page);
    }

    @Test
    void theBrowserLaysOutEveryStateOfTheMachineWithItsOwnBox() {
        int states = definition.states().size();

        assertThat(rendered()).startsWith("drawn " + states + " of " + states + " states");
    }

    @Test
    void theTakenPathIsHighlightedStateByStateAndTransitionByTransition() {
        assertThat(rendered())
                .contains(path.states().stream().distinct().count() + " taken")
                .contains(path.transitions().size() + " transitions taken");
        assertThat(dom).contains("class=\"state taken\" data-state=\"TrackJob\"");
        assertThat(dom).contains("class=\"state\" data-state=\"JobFailed\"");
    }

    @Test
    void eachStageHasATimeBarTheBrowserShows() {
        int stages = path.stages().size();

        assertThat(rendered()).endsWith(stages + " of " + stages + " time bars shown");
        assertThat(dom).contains("data-stage=\"TrackJob\"");
    }

    @Test
    void theCardShowsTheRowsTheRejectReasonAndTheCostWithItsBasis() {
        assertThat(dom)
                .contains("26 in, 1 rejected, 1 duplicates, 24 curated")
                .contains("1 x amount: not a decimal &lt;&amp;&gt;")
                .contains("0.000412 USD = 0.004 vCPU-hours x 0.052624 USD");
    }

    private static String rendered() {
        Matcher rendered = Pattern.compile("<p id=\"rendered\">([^<]*)</p>").matcher(dom);
        assertThat(rendered.find()).as("the page's #rendered paragraph").isTrue();
        return rendered.group(1);
    }
}

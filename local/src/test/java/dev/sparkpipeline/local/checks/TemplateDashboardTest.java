package dev.sparkpipeline.local.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.core.observability.MetricNames;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The stack's dashboard shows, per dataset, what the functions publish: its body is JSON once
 * CloudFormation has substituted its variables, every widget searches the stack's namespace for
 * metrics of {@link MetricNames} only, over the dimensions each is published with.
 */
class TemplateDashboardTest {

    private static final String STACK = "orders-prod";

    /**
     * One search of a widget: the schema (the stack's namespace and the dimensions searched), the
     * metric, and the statistic. A schema search matches only metrics of exactly those dimensions.
     */
    private static final Pattern SEARCH = Pattern.compile(
            "SEARCH\\('\\{\"(?<namespace>[^\"]+)\",(?<dimensions>[A-Za-z,]+)\\} MetricName=\"(?<metric>\\w+)\"',"
                    + " '(?<statistic>\\w+)', (?<period>\\d+)\\)");

    /** validate publishes per dataset only (a landed or quarantined file has no engine yet); the rest per dataset and engine. */
    private static final Set<String> PER_DATASET_ONLY = Set.of(MetricNames.FILES_LANDED, MetricNames.FILES_QUARANTINED);

    private final Map<String, Object> dashboard =
            properties(SamTemplate.read(ProjectFiles.template()).resources().get("PipelineDashboard"));

    @Test
    void theStackHasOneDashboardNamedAfterIt() {
        assertThat(SamTemplate.read(ProjectFiles.template()).resources().values())
                .filteredOn(resource -> "AWS::CloudWatch::Dashboard".equals(resource.get("Type")))
                .hasSize(1);
        assertThat(dashboard).containsEntry("DashboardName", Map.of("Fn::Sub", "${AWS::StackName}-pipeline"));
    }

    @Test
    void theBodyIsJsonOnceItsVariablesAreSubstituted() throws IOException {
        JsonNode body = body();

        assertThat(body.path("widgets").isArray()).isTrue();
        assertThat(body.path("widgets")).isNotEmpty();
    }

    @Test
    void everyWidgetShowsAtLeastOnePipelineMetricAndNoOther() throws IOException {
        for (JsonNode widget : body().path("widgets")) {
            List<Matcher> searches = searches(widget);

            assertThat(searches)
                    .as(widget.path("properties").path("title").asText())
                    .isNotEmpty();
            assertThat(searches)
                    .extracting(search -> search.group("metric"))
                    .allSatisfy(metric -> assertThat(MetricNames.ALL).contains(metric));
        }
    }

    @Test
    void everyMetricTheFunctionsPublishIsOnTheDashboard() throws IOException {
        Set<String> shown = new LinkedHashSet<>();
        for (JsonNode widget : body().path("widgets")) {
            searches(widget).forEach(search -> shown.add(search.group("metric")));
        }

        assertThat(shown).containsExactlyInAnyOrderElementsOf(MetricNames.ALL);
    }

    @Test
    void everySearchIsOfTheStacksNamespaceOverTheDimensionsItsMetricIsPublishedWith() throws IOException {
        for (JsonNode widget : body().path("widgets")) {
            for (Matcher search : searches(widget)) {
                String metric = search.group("metric");

                assertThat(search.group("namespace")).as(metric).isEqualTo("SparkPipeline/" + STACK);
                assertThat(search.group("dimensions"))
                        .as(metric)
                        .isEqualTo(PER_DATASET_ONLY.contains(metric) ? "Dataset" : "Dataset,Engine");
            }
        }
    }

    @Test
    void everyWidgetIsInTheStacksRegion() throws IOException {
        for (JsonNode widget : body().path("widgets")) {
            assertThat(widget.path("properties").path("region").asText()).isEqualTo("eu-west-1");
        }
    }

    /** The dashboard's body as CloudFormation would send it, for stack {@link #STACK} in eu-west-1. */
    private JsonNode body() throws IOException {
        Object body = dashboard.get("DashboardBody");
        assertThat(body).isInstanceOf(Map.class);
        String text = (String) ((Map<?, ?>) body).get("Fn::Sub");
        String substituted = text.replace("${AWS::StackName}", STACK).replace("${AWS::Region}", "eu-west-1");
        assertThat(substituted).as("every variable substituted").doesNotContain("${");
        return new ObjectMapper().readTree(substituted);
    }

    /** Every search expression of a widget, each matched in full (an expression of another shape fails). */
    private static List<Matcher> searches(JsonNode widget) {
        List<Matcher> searches = new ArrayList<>();
        for (JsonNode line : widget.path("properties").path("metrics")) {
            for (JsonNode item : line) {
                if (item.has("expression")) {
                    Matcher search = SEARCH.matcher(item.path("expression").asText());
                    assertThat(search.matches())
                            .as(item.path("expression").asText())
                            .isTrue();
                    searches.add(search);
                }
            }
        }
        return searches;
    }

    @SuppressWarnings("unchecked") // a CloudFormation resource's Properties is a YAML mapping
    private static Map<String, Object> properties(Map<String, Object> resource) {
        assertThat(resource).as("PipelineDashboard").isNotNull();
        return (Map<String, Object>) resource.get("Properties");
    }
}

package dev.sparkpipeline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.aws.priming.SnapStartPriming;
import dev.sparkpipeline.aws.testing.WarmUpEnvironment;
import dev.sparkpipeline.core.observability.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The functions' metrics on AWS: standard output (the log group's EMF), in the stack's namespace, never a warm-up's. */
class AwsAdaptersMetricsTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void captureStandardOutput() {
        original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardOutput() {
        System.setOut(original);
    }

    @Test
    void metricsGoToTheNamespaceTheStackSets() {
        var adapters = AwsAdapters.of(
                WarmUpEnvironment.unreachable(Map.of("POWERTOOLS_METRICS_NAMESPACE", "SparkPipeline/orders-prod")));

        adapters.metrics("publish").publish("orders", null, List.of(Metrics.Value.count("FilesCurated", 1)));

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("\"Namespace\":\"SparkPipeline/orders-prod\"")
                .contains("\"FilesCurated\":1");
    }

    @Test
    void withoutANamespaceMetricsGoToTheSharedOne() {
        var adapters = AwsAdapters.of(WarmUpEnvironment.unreachable(Map.of()));

        adapters.metrics("publish").publish("orders", null, List.of(Metrics.Value.count("FilesCurated", 1)));

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("\"Namespace\":\"SparkPipeline\"");
    }

    @Test
    void aSnapStartWarmUpPublishesNoMetric() {
        var metrics = AwsAdapters.of(WarmUpEnvironment.unreachable(Map.of())).metrics("validate");

        SnapStartPriming.register(
                        () -> metrics.publish("customers", null, List.of(Metrics.Value.count("FilesLanded", 1))))
                .runNow();

        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("FilesLanded");
    }
}

package dev.sparkpipeline.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.dataset.DeployRequirements.Unmet;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deploy needs EmrSubnetId exactly when some accepted file of some dataset routes to EMR. */
class DeployRequirementsTest {

    private static final long GIB = 1L << 30;

    private static final Map<String, String> NO_SUBNET = Map.of("EmrSubnetId", "");

    @Test
    void anEmrThresholdAboveMaxBytesIsNeverReached() {
        DatasetCatalog ordersLike =
                catalog(5 * GIB, "\"engineBySize\": [{\"minBytes\": " + 10 * GIB + ", \"engine\": \"EMR\"}]");

        assertThat(ordersLike.named("d").orElseThrow().smallestFileOn(Engine.EMR))
                .isEmpty();
        assertThat(DeployRequirements.unmet(ordersLike, NO_SUBNET)).isEmpty();
    }

    @Test
    void anEmrThresholdWithinMaxBytesNeedsTheSubnet() {
        DatasetCatalog big =
                catalog(20 * GIB, "\"engineBySize\": [{\"minBytes\": " + 10 * GIB + ", \"engine\": \"EMR\"}]");

        assertThat(DeployRequirements.unmet(big, NO_SUBNET))
                .containsExactly(new Unmet("d", Engine.EMR, 10 * GIB, "EmrSubnetId"));
    }

    @Test
    void anEmrDefaultEngineNeedsTheSubnetEvenWhenAParameterIsAbsent() {
        DatasetCatalog emr = catalog(GIB, "\"engine\": \"EMR\"");

        assertThat(DeployRequirements.unmet(emr, Map.of()))
                .containsExactly(new Unmet("d", Engine.EMR, 1, "EmrSubnetId"));
    }

    @Test
    void aLargerThresholdBackToAnotherEngineStillLeavesTheSizesBetweenOnEmr() {
        DatasetCatalog between = catalog(
                20 * GIB,
                "\"engineBySize\": [{\"minBytes\": " + GIB + ", \"engine\": \"EMR\"}, {\"minBytes\": " + 2 * GIB
                        + ", \"engine\": \"GLUE\"}]");

        assertThat(between.named("d").orElseThrow().smallestFileOn(Engine.EMR)).hasValue(GIB);
    }

    @Test
    void anEmrThresholdBelowMinBytesOvertakenBeforeTheSmallestFileIsNeverReached() {
        DatasetCatalog overtaken = catalog(
                20 * GIB,
                "\"minBytes\": " + 3 * GIB + ", \"engineBySize\": [{\"minBytes\": " + GIB
                        + ", \"engine\": \"EMR\"}, {\"minBytes\": " + 2 * GIB + ", \"engine\": \"GLUE\"}]");

        assertThat(overtaken.named("d").orElseThrow().smallestFileOn(Engine.EMR))
                .isEmpty();
    }

    @Test
    void aSubnetMeetsTheRequirement() {
        DatasetCatalog emr = catalog(GIB, "\"engine\": \"EMR\"");

        assertThat(DeployRequirements.unmet(emr, Map.of("EmrSubnetId", "subnet-0abc")))
                .isEmpty();
    }

    @Test
    void theBundledConfigurationNeedsNoSubnet() {
        assertThat(DeployRequirements.unmet(DatasetCatalog.bundled(), NO_SUBNET))
                .isEmpty();
    }

    /** One dataset {@code d} accepting files up to {@code maxBytes}, with these extra fields. */
    private static DatasetCatalog catalog(long maxBytes, String fields) {
        String json = """
                {"defaults": {"formats": ["csv"], "gzip": false, "minBytes": 1, "maxBytes": %d,
                  "csv": {"delimiter": ",", "quote": "\\""}, "engine": "EMR_SERVERLESS", "timeoutMinutes": 60,
                  "maxErrorRatio": 0.05, "partitionBy": ["ingest_date"]},
                 "datasets": {"d": {"prefix": "d/", "columns": [{"name": "id", "type": "string"}], %s}}}
                """.formatted(maxBytes, fields);
        return DatasetCatalog.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}

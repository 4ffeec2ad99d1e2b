package dev.sparkpipeline.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.dataset.profile.EngineProfiles;
import dev.sparkpipeline.core.dataset.profile.InstanceFleet;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The {@code profiles} of config/datasets.json: merged with the defaults field by field, read strictly. */
class EngineProfilesConfigTest {

    private static final String COLUMNS = "\"prefix\": \"a/\", \"columns\": [{\"name\": \"id\", \"type\": \"string\"}]";

    @Test
    void theBundledOrdersClusterHasASpotTaskFleetAndManagedScaling() {
        var emr = DatasetCatalog.bundled()
                .named("orders")
                .orElseThrow()
                .profiles()
                .emr();

        assertThat(emr.fleets())
                .extracting(InstanceFleet::role)
                .containsExactly(InstanceFleet.Role.MASTER, InstanceFleet.Role.CORE, InstanceFleet.Role.TASK);
        assertThat(emr.fleets().get(2).spotCapacity()).isEqualTo(4);
        assertThat(emr.fleets().get(2).instanceTypes()).hasSizeGreaterThan(1);
        assertThat(emr.scaling().maximumUnits()).isEqualTo(20);
        assertThat(emr.usesSpot()).isTrue();
    }

    @Test
    void aDatasetsOwnFieldsMergeOverTheDefaultsFieldByField() {
        var catalog = DatasetCatalog.parse(config(
                """
                {"emrServerless": {"driver": {"cores": 2, "memory": "4g"}, "retryPolicy": {"maxAttempts": 3}},
                 "glue": {"workerType": "G.2X", "numberOfWorkers": 4}}""",
                "\"a\": {" + COLUMNS + ", \"profiles\": {\"emrServerless\": {\"driver\": {\"memory\": \"8g\"}},"
                        + " \"glue\": {\"numberOfWorkers\": 10}}}"));

        EngineProfiles profiles = catalog.named("a").orElseThrow().profiles();

        assertThat(profiles.emrServerless().driver().cores())
                .as("the default's")
                .isEqualTo(2);
        assertThat(profiles.emrServerless().driver().memory())
                .as("the dataset's")
                .isEqualTo("8g");
        assertThat(profiles.emrServerless().maxAttempts()).isEqualTo(3);
        assertThat(profiles.glue().workerType()).isEqualTo("G.2X");
        assertThat(profiles.glue().numberOfWorkers()).isEqualTo(10);
    }

    @Test
    void withoutProfilesEveryEngineKeepsItsDefaults() {
        var spec = DatasetCatalog.parse(config(null, "\"a\": {" + COLUMNS + "}"))
                .named("a")
                .orElseThrow();

        assertThat(spec.profiles()).isEqualTo(EngineProfiles.DEFAULT);
        assertThat(spec.profiles().emr().fleets()).hasSize(2);
    }

    @Test
    void anUnknownProfileFieldIsRefusedWithItsPathAndTheNearestName() {
        assertRefused("{\"emr\": {\"managedScalling\": {}}}")
                .hasMessageStartingWith("datasets.a.profiles.emr.managedScalling: unknown field")
                .hasMessageContaining("did you mean managedScaling?");
    }

    @Test
    void anUnknownGlueWorkerTypeIsRefused() {
        assertRefused("{\"glue\": {\"workerType\": \"G.3X\"}}")
                .hasMessageStartingWith("datasets.a.profiles.glue.workerType: unknown worker type G.3X")
                .hasMessageContaining("G.1X");
    }

    @Test
    void aGlueParameterThePipelineOrGlueOwnsIsRefused() {
        assertRefused("{\"glue\": {\"jobParameters\": {\"--conf\": \"spark.x=1\"}}}")
                .hasMessageStartingWith("datasets.a.profiles.glue.jobParameters.--conf is reserved");
        assertRefused("{\"glue\": {\"jobParameters\": {\"--input\": \"s3://x\"}}}")
                .hasMessageStartingWith("datasets.a.profiles.glue.jobParameters.--input is reserved");
    }

    @Test
    void flexRunsTheSmallerWorkersOnly() {
        assertRefused("{\"glue\": {\"workerType\": \"G.4X\", \"executionClass\": \"FLEX\"}}")
                .hasMessageContaining("FLEX runs G.1X and G.2X workers only");
    }

    @Test
    void aFleetWithoutInstanceTypesIsRefused() {
        assertRefused("""
                        {"emr": {"fleets": {"primary": {"instanceTypes": [{"type": "m5.xlarge"}], "onDemand": 1},
                          "core": {"instanceTypes": [{"type": "m5.xlarge"}], "onDemand": 1},
                          "task": {"instanceTypes": [], "spot": 4}}}}""")
                .hasMessageStartingWith("datasets.a.profiles.emr.fleets.task.instanceTypes must list at least one");
    }

    @Test
    void thePrimaryFleetHasOneNode() {
        assertRefused("""
                        {"emr": {"fleets": {"primary": {"instanceTypes": [{"type": "m5.xlarge"}], "onDemand": 2},
                          "core": {"instanceTypes": [{"type": "m5.xlarge"}], "onDemand": 1}}}}""")
                .hasMessageStartingWith("datasets.a.profiles.emr.fleets.primary: the primary fleet has one node");
    }

    @Test
    void managedScalingLimitsMustNest() {
        assertRefused("{\"emr\": {\"managedScaling\": {\"minimumUnits\": 10, \"maximumUnits\": 5}}}")
                .hasMessageStartingWith("datasets.a.profiles.emr.managedScaling: need minimumUnits");
    }

    @Test
    void theIcebergClassificationIsThePipelinesOwn() {
        assertRefused("{\"emr\": {\"configurations\": [{\"classification\": \"iceberg-defaults\"}]}}")
                .hasMessageStartingWith("datasets.a.profiles.emr.configurations[0]: iceberg-defaults");
    }

    @Test
    void serverlessCoresAreAWorkerSize() {
        assertRefused("{\"emrServerless\": {\"executor\": {\"cores\": 3}}}")
                .hasMessageStartingWith("datasets.a.profiles.emrServerless.executor.cores must be 1, 2, 4, 8 or 16");
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String profiles) {
        return assertThatThrownBy(() ->
                        DatasetCatalog.parse(config(null, "\"a\": {" + COLUMNS + ", \"profiles\": " + profiles + "}")))
                .isInstanceOf(InvalidDatasetConfig.class);
    }

    private static byte[] config(String defaultProfiles, String datasets) {
        String defaults = "{\"formats\": [\"csv\"], \"gzip\": true, \"minBytes\": 1, \"maxBytes\": 1000,"
                + " \"csv\": {\"delimiter\": \",\", \"quote\": \"'\"}, \"engine\": \"EMR_SERVERLESS\","
                + " \"timeoutMinutes\": 60, \"maxErrorRatio\": 0.05, \"partitionBy\": [\"ingest_date\"]"
                + (defaultProfiles == null ? "" : ", \"profiles\": " + defaultProfiles) + "}";
        return ("{\"defaults\": " + defaults + ", \"datasets\": {" + datasets + "}}").getBytes(StandardCharsets.UTF_8);
    }
}

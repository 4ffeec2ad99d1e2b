package dev.sparkpipeline.local.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.local.checks.ProjectFiles;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code statemachine/pipeline.asl.json}, substituted as the template would, run by
 * moto's Step Functions interpreter for every scenario in {@code statemachine/scenarios/}, with the
 * Lambda answers the scenario scripts ({@link MotoStepFunctions}). The scenarios are split in two
 * test classes, each on its own moto, so the ones that wait out real Retry intervals run beside the
 * others: between them they run every scenario.
 */
abstract class MotoScenarioRuns {

    @RegisterExtension
    static final MotoStepFunctions STEP_FUNCTIONS = new MotoStepFunctions();

    @TestFactory
    Stream<DynamicTest> everyScenarioTakesItsPathOnMotosInterpreter() {
        List<PipelineScenario> scenarios =
                PipelineScenario.all(ProjectFiles.root().resolve("statemachine/scenarios")).stream()
                        .filter(scenario -> waitsOutRetries(scenario) == retryScenarios())
                        .toList();
        assertThat(scenarios).isNotEmpty();
        return scenarios.stream().map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> run(scenario)));
    }

    /** True for the class that runs the scenarios whose Retry intervals are waited out in real time. */
    abstract boolean retryScenarios();

    /** A scenario that scripts a failing integration or a retried Lambda error waits out real Retry intervals on moto. */
    static boolean waitsOutRetries(PipelineScenario scenario) {
        return scenario.aws().size() > 0
                || scenario.lambda()
                        .toString()
                        .contains("\"functionError\":{\"errorType\":\"dev.sparkpipeline.core.error.Engine")
                || scenario.lambda().toString().contains("\"serviceError\"");
    }

    private void run(PipelineScenario scenario) throws Exception {
        STEP_FUNCTIONS.reset(scenario.lambda(), scenario.aws());
        var moto = STEP_FUNCTIONS.moto();
        moto.clients().s3().createBucket(b -> b.bucket("artifacts-bucket"));
        String topicArn = sns().createTopic(b -> b.name("failures")).topicArn();
        String definition = PipelineScenario.deployedDefinition(topicArn);

        MotoStepFunctions.Run run = STEP_FUNCTIONS.execute(definition, scenario.input());

        scenario.assertEndedAsExpected(run.path(), run.status(), run.error(), run.cause());
        assertThat(STEP_FUNCTIONS.unusedAwsScripts(scenario.aws()))
                .as("integration scripts not served in full")
                .isEmpty();
        if (scenario.expect().path("clusterTerminated").asBoolean(false)) {
            var clusters = moto.clients().emr().listClusters().clusters();
            assertThat(clusters)
                    .isNotEmpty()
                    .allSatisfy(cluster ->
                            assertThat(cluster.status().stateAsString()).startsWith("TERMINAT"));
        }
    }

    private static software.amazon.awssdk.services.sns.SnsClient sns() {
        return software.amazon.awssdk.services.sns.SnsClient.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(STEP_FUNCTIONS.moto().endpoint())
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build();
    }
}

package dev.sparkpipeline.local.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.profile.EmrClusterRequest;
import dev.sparkpipeline.local.asl.ExecutionClock;
import dev.sparkpipeline.local.asl.StateMachineInterpreter;
import dev.sparkpipeline.local.asl.StatesError;
import dev.sparkpipeline.local.asl.TaskRunner;
import dev.sparkpipeline.local.statemachine.PipelineScenario;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.InstanceFleetConfig;
import software.amazon.awssdk.services.emr.model.InstanceFleetType;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.SpotProvisioningAllocationStrategy;
import software.amazon.awssdk.services.emr.model.SpotProvisioningTimeoutAction;

/**
 * The orders dataset's EMR profile reaches RunJobFlow: the deployed definition's {@code CreateCluster}
 * runs on our interpreter with VerifyInput's answer for orders, its Parameters become the SDK's
 * {@link RunJobFlowRequest} (member names as Step Functions' {@code aws-sdk:emr:runJobFlow} takes them)
 * and go to moto_server. moto keeps no fleets or scaling policy (no ListInstanceFleets or
 * GetManagedScalingPolicy in moto 5.2.1): those are read from the request as the SDK sent it, the
 * rest from DescribeCluster.
 */
class CreateClusterProfileContractTest {

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<RunJobFlowRequest> SENT = new CopyOnWriteArrayList<>();
    private static EmrClient emr;
    private static String clusterId;

    @BeforeAll
    static void createTheClusterOfAnOrdersRun() throws Exception {
        emr = EmrClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(MOTO.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void afterMarshalling(Context.AfterMarshalling context, ExecutionAttributes attributes) {
                        if (context.request() instanceof RunJobFlowRequest request) {
                            SENT.add(request);
                        }
                    }
                }))
                .build();
        Map<String, Object> verdict = Map.of(
                "valid",
                true,
                "cluster",
                EmrClusterRequest.of(DatasetCatalog.bundled()
                        .named("orders")
                        .orElseThrow()
                        .profiles()
                        .emr()));
        TaskRunner tasks = (resource, parameters) -> {
            if (resource.equals("arn:aws:states:::lambda:invoke")
                    && parameters.path("FunctionName").asText().contains("VerifyInput")) {
                ObjectNode answer = JSON.createObjectNode().put("StatusCode", 200);
                answer.set("Payload", JSON.valueToTree(verdict));
                return answer;
            }
            if (resource.equals("arn:aws:states:::aws-sdk:emr:runJobFlow")) {
                JsonNode result = SdkPojoJson.result(
                        emr.runJobFlow(SdkPojoJson.request(RunJobFlowRequest.builder(), parameters)));
                clusterId = result.path("JobFlowId").asText();
                return result;
            }
            // The run is followed only up to its cluster: every later task fails, and the failure path ends it.
            throw new StatesError("Test.Stopped", "only CreateCluster runs here");
        };
        JsonNode input = JSON.readTree("""
                {"dataset": "orders",
                 "source": {"bucket": "landing-bucket", "key": "orders/2026/11/22/a.csv", "versionId": null,
                            "etag": "e", "size": 1024},
                 "engine": "EMR",
                 "job": {"timeoutMinutes": 60, "arguments": {}, "sparkSubmitParameters": null, "clusterId": null}}""");
        new StateMachineInterpreter(
                        JSON.readTree(PipelineScenario.deployedDefinition(PipelineScenario.FAILURES_TOPIC)),
                        tasks,
                        ExecutionClock.virtual(Instant.parse("2026-11-22T08:00:00Z")),
                        new Random(7))
                .run("orders-emr-run", input);
    }

    @Test
    void theClusterHasASpotTaskFleetOverSeveralTypesFallingBackToOnDemand() {
        assertThat(clusterId).startsWith("j-");
        RunJobFlowRequest sent = SENT.get(0);
        InstanceFleetConfig task = sent.instances().instanceFleets().stream()
                .filter(fleet -> fleet.instanceFleetType() == InstanceFleetType.TASK)
                .findFirst()
                .orElseThrow();
        assertThat(task.targetSpotCapacity()).isEqualTo(4);
        assertThat(task.instanceTypeConfigs()).hasSizeGreaterThan(1);
        var spot = task.launchSpecifications().spotSpecification();
        assertThat(spot.allocationStrategy()).isEqualTo(SpotProvisioningAllocationStrategy.PRICE_CAPACITY_OPTIMIZED);
        assertThat(spot.timeoutAction()).isEqualTo(SpotProvisioningTimeoutAction.SWITCH_TO_ON_DEMAND);
        assertThat(task.launchSpecifications().onDemandSpecification().allocationStrategyAsString())
                .isEqualTo("lowest-price");
        assertThat(sent.instances().instanceFleets())
                .extracting(InstanceFleetConfig::instanceFleetType)
                .containsExactly(InstanceFleetType.MASTER, InstanceFleetType.CORE, InstanceFleetType.TASK);
    }

    @Test
    void theStackKeepsTheNetworkAndTheClusterAliveForItsSteps() {
        RunJobFlowRequest sent = SENT.get(0);
        assertThat(sent.instances().ec2SubnetIds()).containsExactly("subnet-0123456789abcdef0");
        assertThat(sent.instances().keepJobFlowAliveWhenNoSteps()).isTrue();
        assertThat(sent.instances().instanceGroups()).isEmpty();
    }

    @Test
    void managedScalingIsLimitedInInstanceFleetUnits() {
        var limits = SENT.get(0).managedScalingPolicy().computeLimits();

        assertThat(limits.unitTypeAsString()).isEqualTo("InstanceFleetUnits");
        assertThat(limits.minimumCapacityUnits()).isEqualTo(3);
        assertThat(limits.maximumCapacityUnits()).isEqualTo(20);
        assertThat(limits.maximumOnDemandCapacityUnits()).isEqualTo(3);
        assertThat(limits.maximumCoreCapacityUnits()).isEqualTo(3);
    }

    @Test
    void describeClusterShowsTheProfilesConfigurationsTerminationAndConcurrency() {
        Cluster cluster = emr.describeCluster(b -> b.clusterId(clusterId)).cluster();

        assertThat(cluster.configurations())
                .extracting(configuration -> configuration.classification())
                .containsExactly("iceberg-defaults", "spark-defaults");
        assertThat(cluster.configurations().get(1).properties()).containsEntry("spark.sql.shuffle.partitions", "200");
        assertThat(cluster.stepConcurrencyLevel()).isEqualTo(1);
        assertThat(cluster.ebsRootVolumeSize()).isEqualTo(15);
        assertThat(SENT.get(0).autoTerminationPolicy().idleTimeout()).isEqualTo(3600L);
        assertThat(cluster.tags())
                .anyMatch(tag -> tag.key().equals("dataset") && tag.value().equals("orders"));
    }
}

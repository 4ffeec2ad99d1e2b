package dev.sparkpipeline.submit;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.core.aws.ClusterReaper;
import dev.sparkpipeline.core.testing.Fixtures;
import dev.sparkpipeline.core.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.emr.EmrClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The backstop on moto_server: an execution that timed out loses its tagged clusters, and only those. */
class ReapClustersHandlerContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final String EXECUTION = "orders-5f2c0d1f6b8b4a0f9e3c2d1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f";
    private EmrClient emr;

    @BeforeEach
    void account() {
        moto.reset();
        emr = moto.clients().emr();
    }

    @Test
    void terminatesTheClusterTaggedWithTheExecutionAndLeavesOthers() throws IOException {
        String mine = cluster(EXECUTION);
        String other = cluster("customers-0000");

        Map<String, Object> answer = invoke();

        assertThat(answer).containsEntry("status", "TIMED_OUT");
        assertThat(answer.get("terminatedClusters").toString()).contains(mine).doesNotContain(other);
        assertThat(state(mine)).startsWith("TERMINAT");
        assertThat(state(other)).doesNotStartWith("TERMINAT");
    }

    @Test
    void anExecutionWithoutClustersIsANoOp() throws IOException {
        String other = cluster("customers-0000");

        Map<String, Object> answer = invoke();

        assertThat(answer.get("terminatedClusters").toString()).isEqualTo("[]");
        assertThat(state(other)).doesNotStartWith("TERMINAT");
    }

    private String cluster(String execution) {
        return emr.runJobFlow(b -> b.name("transient").releaseLabel("emr-7.9.0").serviceRole("r").jobFlowRole("p")
                .instances(i -> i.instanceCount(1).masterInstanceType("m5.xlarge").keepJobFlowAliveWhenNoSteps(true))
                .tags(t -> t.key("execution").value(execution), t -> t.key("pipeline").value("spark-pipeline"))).jobFlowId();
    }

    private String state(String clusterId) {
        return emr.describeCluster(b -> b.clusterId(clusterId)).cluster().status().stateAsString();
    }

    private Map<String, Object> invoke() throws IOException {
        var out = new ByteArrayOutputStream();
        new ReapClustersHandler(new ClusterReaper(emr))
                .handleRequest(new ByteArrayInputStream(Fixtures.bytes("execution-timed-out.json")), out, null);
        return JSON.std.mapFrom(out.toByteArray());
    }
}
